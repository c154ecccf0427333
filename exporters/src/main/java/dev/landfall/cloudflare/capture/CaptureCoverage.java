package dev.landfall.cloudflare.capture;

import dev.landfall.cloudflare.api.WorkerBinding;
import dev.landfall.cloudflare.api.WorkerScript;
import dev.landfall.cloudflare.api.WorkersClient;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Which Worker scripts of the account can write the captured namespaces without capture: every
 * script bound to one of them must also bind the change log (a Durable Object binding to class
 * {@value #CLASS}), or its writes never reach the log. Read from the scripts' settings, as
 * {@code landfall inventory} reads them; costs one request plus one per script.
 */
public final class CaptureCoverage {
    /** The change log's Durable Object class (docs/export-worker-protocol.md §7). */
    public static final String CLASS = "LandfallChangeLog";

    private final WorkersClient workers;

    public CaptureCoverage(WorkersClient workers) {
        this.workers = Objects.requireNonNull(workers, "workers");
    }

    /**
     * The scripts that bind no change log, in the account's order, among those bound to any of
     * {@code namespaceIds} (KV) and those in {@code objectScripts} (the scripts that define a
     * copied Durable Object class: only its own code writes its storage).
     */
    public List<String> uncaptured(Set<String> namespaceIds, Set<String> objectScripts) throws IOException {
        List<String> out = new ArrayList<>();
        for (WorkerScript script : workers.listScripts()) {
            List<WorkerBinding> bindings = workers.bindings(script.name());
            List<String> bound = new ArrayList<>();
            boolean captured = false;
            for (WorkerBinding b : bindings) {
                if (b.type().equals("kv_namespace") && namespaceIds.contains(b.reference("namespace_id"))) {
                    bound.add(b.name());
                }
                if (b.type().equals("durable_object_namespace")
                        && b.reference("class_name").equals(CLASS)) {
                    captured = true;
                }
            }
            if ((!bound.isEmpty() || objectScripts.contains(script.name())) && !captured) {
                out.add(script.name());
            }
        }
        return out;
    }
}
