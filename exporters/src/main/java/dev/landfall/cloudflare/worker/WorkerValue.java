package dev.landfall.cloudflare.worker;

import java.util.Objects;
import java.util.Optional;

/**
 * A KV value read through the Worker.
 *
 * @param key the key
 * @param value its exact bytes; empty when the key vanished since it was listed
 * @param metadataJson its metadata as the JSON text the Worker sent, if it has any
 */
public record WorkerValue(String key, Optional<byte[]> value, Optional<String> metadataJson) {
    public WorkerValue {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(metadataJson, "metadataJson");
    }
}
