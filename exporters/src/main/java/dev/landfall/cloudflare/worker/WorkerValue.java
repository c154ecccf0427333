package dev.landfall.cloudflare.worker;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A KV value read through the Worker.
 *
 * @param key the key
 * @param value its exact bytes; empty when the key vanished since it was listed
 * @param metadataJson its metadata as the JSON text the Worker sent, if it has any
 * @param expiration its expiry in epoch seconds, when the answer gives it (protocol 2's {@code
 *     current}) and the key expires
 */
public record WorkerValue(String key, Optional<byte[]> value, Optional<String> metadataJson, OptionalLong expiration) {
    public WorkerValue {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(metadataJson, "metadataJson");
        Objects.requireNonNull(expiration, "expiration");
    }
}
