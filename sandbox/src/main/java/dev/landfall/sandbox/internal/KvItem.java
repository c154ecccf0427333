package dev.landfall.sandbox.internal;

import dev.landfall.core.model.Key;
import java.util.Objects;

/**
 * One stored KV key.
 *
 * @param key the key
 * @param value the value
 * @param metadataJson compact JSON text, or null when the key has no metadata
 * @param expiration absolute expiry in epoch seconds, or null
 */
public record KvItem(Key key, KvValue value, String metadataJson, Long expiration) {
    public KvItem {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
    }

    /** Whether the key has expired at {@code epochSecond} (expiry is inclusive, as in core's Entry). */
    public boolean expiredAt(long epochSecond) {
        return expiration != null && expiration <= epochSecond;
    }
}
