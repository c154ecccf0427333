package dev.landfall.cloudflare.inventory;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One Durable Object namespace of the account, with its objects counted.
 *
 * @param id the namespace id
 * @param className the class
 * @param script the script that owns the class
 * @param sqlite whether objects are SQLite-backed; empty when the API does not say
 * @param objects objects listed
 * @param withStoredData of those, how many hold storage
 * @param listRequests object-list calls it took (10,000 ids a call)
 * @param boundBy {@code SCRIPT.BINDING} of every binding to it, sorted
 */
public record DoNamespaceItem(
        String id,
        String className,
        String script,
        Optional<Boolean> sqlite,
        long objects,
        long withStoredData,
        long listRequests,
        List<String> boundBy) {
    public DoNamespaceItem {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(className, "className");
        Objects.requireNonNull(script, "script");
        Objects.requireNonNull(sqlite, "sqlite");
        boundBy = List.copyOf(boundBy);
    }

    /** {@code sqlite}, {@code kv} or {@code unknown}: the storage backend. */
    public String storage() {
        return sqlite.map(s -> s ? "sqlite" : "kv").orElse("unknown");
    }
}
