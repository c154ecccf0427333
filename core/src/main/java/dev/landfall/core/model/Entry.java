package dev.landfall.core.model;

import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * One stored key with its value, metadata and expiration.
 *
 * <p>KV values are raw bytes (text or binary); Durable Object values are typed JSON (see {@code
 * docs/typed-json.md}) in UTF-8. The value array is owned by the entry and never changed; it is
 * not copied because values reach 25 MiB.
 *
 * @param scope where the entry lives
 * @param key the key
 * @param value the value bytes, owned, never null (may be empty)
 * @param metadataJson the KV metadata as a JSON text, or null when the key has none
 * @param expiration absolute expiry in epoch seconds, or null when the key never expires
 */
public record Entry(Scope scope, Key key, byte[] value, String metadataJson, Long expiration) {
    public Entry {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
    }

    /** The metadata JSON text, if the key has metadata. */
    public Optional<String> metadata() {
        return Optional.ofNullable(metadataJson);
    }

    /** The expiry in epoch seconds, if the key expires. */
    public Optional<Long> expiresAt() {
        return Optional.ofNullable(expiration);
    }

    /** Whether the entry has expired at the given epoch second. */
    public boolean expiredAt(long epochSecond) {
        return expiration != null && expiration <= epochSecond;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Entry e
                && scope.equals(e.scope)
                && key.equals(e.key)
                && Arrays.equals(value, e.value)
                && Objects.equals(metadataJson, e.metadataJson)
                && Objects.equals(expiration, e.expiration);
    }

    @Override
    public int hashCode() {
        return Objects.hash(scope, key, Arrays.hashCode(value), metadataJson, expiration);
    }

    @Override
    public String toString() {
        return "Entry[" + scope.id() + " " + key + " (" + value.length + " bytes)"
                + (metadataJson == null ? "" : " metadata=" + metadataJson)
                + (expiration == null ? "" : " expiration=" + expiration) + "]";
    }
}
