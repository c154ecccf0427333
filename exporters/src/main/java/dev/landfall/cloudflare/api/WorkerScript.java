package dev.landfall.cloudflare.api;

import java.util.List;
import java.util.Objects;

/**
 * One Worker script as the script list describes it (cloudflare-api.md §4), with the bindings its
 * settings carry.
 *
 * @param name the script name (the list's {@code id})
 * @param handlers the event handlers it exports ({@code fetch}, {@code queue}, …), as listed
 * @param modifiedOn when it was last deployed, as Cloudflare writes it; {@code ""} when absent
 * @param bindings its bindings in the order the settings list them
 */
public record WorkerScript(String name, List<String> handlers, String modifiedOn, List<WorkerBinding> bindings) {
    public WorkerScript {
        Objects.requireNonNull(name, "name");
        handlers = List.copyOf(handlers);
        modifiedOn = modifiedOn == null ? "" : modifiedOn;
        bindings = List.copyOf(bindings);
    }

    /** The same script with {@code bindings}. */
    public WorkerScript withBindings(List<WorkerBinding> bindings) {
        return new WorkerScript(name, handlers, modifiedOn, bindings);
    }
}
