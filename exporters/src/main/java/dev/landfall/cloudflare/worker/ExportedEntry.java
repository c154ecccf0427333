package dev.landfall.cloudflare.worker;

import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * One storage entry of a Durable Object as the Worker returned it: the canonical typed JSON of its
 * value, or why it could not be encoded.
 *
 * @param key the storage key
 * @param value canonical typed JSON (UTF-8), owned and never changed; empty when {@code error} is
 *     present
 * @param error why the value could not be encoded, if it could not
 */
public record ExportedEntry(String key, byte[] value, Optional<Unencodable> error) {
    public ExportedEntry {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(error, "error");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ExportedEntry e
                && e.key.equals(key)
                && Arrays.equals(e.value, value)
                && e.error.equals(error);
    }

    @Override
    public int hashCode() {
        return Objects.hash(key, Arrays.hashCode(value), error);
    }

    @Override
    public String toString() {
        return "ExportedEntry[" + key + ", " + value.length + " bytes"
                + error.map(e -> ", " + e.describe()).orElse("") + "]";
    }
}
