package dev.landfall.cloudflare.api;

import dev.landfall.core.model.Key;
import java.util.Objects;
import java.util.Optional;

/**
 * One item of a key list page: the key, its metadata exactly as the server sent it, and its
 * absolute expiration.
 *
 * @param name the key as text (keys travel as JSON strings)
 * @param key the same key as UTF-8 bytes
 * @param metadataJson the metadata's JSON text as sent, or null when the key has none
 * @param expiration epoch seconds, or null when the key never expires
 */
public record ListedKey(String name, Key key, String metadataJson, Long expiration) {
    public ListedKey {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(key, "key");
    }

    /** A listed key from its name. */
    public static ListedKey of(String name, String metadataJson, Long expiration) {
        return new ListedKey(name, Key.of(name), metadataJson, expiration);
    }

    /** Whether it has expired at {@code epochSecond} (expiry is inclusive, as in {@code Entry}). */
    public boolean expiredAt(long epochSecond) {
        return expiration != null && expiration <= epochSecond;
    }

    /** The metadata, if any. */
    public Optional<String> metadata() {
        return Optional.ofNullable(metadataJson);
    }
}
