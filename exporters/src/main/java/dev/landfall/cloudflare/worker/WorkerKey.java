package dev.landfall.cloudflare.worker;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A KV key as the Worker lists it.
 *
 * @param name the key
 * @param expiration epoch seconds, if it expires
 * @param metadataJson its metadata as the JSON text the Worker sent, if it has any
 */
public record WorkerKey(String name, OptionalLong expiration, Optional<String> metadataJson) {
    public WorkerKey {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(expiration, "expiration");
        Objects.requireNonNull(metadataJson, "metadataJson");
    }
}
