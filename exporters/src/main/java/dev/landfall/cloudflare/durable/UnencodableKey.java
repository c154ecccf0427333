package dev.landfall.cloudflare.durable;

import dev.landfall.cloudflare.worker.Unencodable;
import dev.landfall.core.model.DurableObject;
import java.util.Objects;

/**
 * A stored value the export Worker could not encode, by object and key; it was not exported.
 *
 * @param object the object
 * @param key the storage key
 * @param problem why
 */
public record UnencodableKey(DurableObject object, String key, Unencodable problem) {
    public UnencodableKey {
        Objects.requireNonNull(object, "object");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(problem, "problem");
    }
}
