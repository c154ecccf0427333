package dev.landfall.cloudflare.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One binding of a Worker script (cloudflare-api.md §4), reduced to what an inventory may print:
 * its name, its type and the fields that <em>refer</em> to other resources (a namespace id, a queue
 * name, a bucket). Values never survive the reading: {@code text} of {@code plain_text} and {@code
 * secret_text}, {@code json}, module parts are dropped by {@link #REFERENCE_FIELDS}, so a secret
 * is known by name only, whatever the API sends.
 *
 * @param name the binding's name in the Worker ({@code env.NAME})
 * @param type Cloudflare's type, such as {@code kv_namespace}; unknown types are kept as sent
 * @param references reference fields in {@link #REFERENCE_FIELDS} order
 */
public record WorkerBinding(String name, String type, Map<String, String> references) {
    /**
     * The only binding fields kept, in the order they print: each names another resource, none
     * holds a value. Anything else a binding carries is skipped unread.
     */
    public static final List<String> REFERENCE_FIELDS = List.of(
            "namespace_id",
            "class_name",
            "script_name",
            "environment",
            "queue_name",
            "bucket_name",
            "jurisdiction",
            "database_id",
            "dataset",
            "workflow_name",
            "service",
            "entrypoint",
            "index_name",
            "certificate_id",
            "namespace",
            "pipeline",
            "store_id",
            "secret_name");

    public WorkerBinding {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        // Insertion order is the print order; Map.copyOf would shuffle it from run to run.
        references = Collections.unmodifiableMap(new LinkedHashMap<>(references));
    }

    /** A reference field, or {@code ""} when absent. */
    public String reference(String field) {
        return references.getOrDefault(field, "");
    }
}
