package dev.landfall.cloudflare.api;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** What a bulk get (cloudflare-api.md §2.6) answered. */
public sealed interface BulkGetResult {
    /**
     * The values, as text, by key name: {@code Optional.empty()} where the server answered {@code
     * null} (the key is gone). A name the server did not answer at all, or answered with something
     * other than a string, is absent from the map.
     */
    record Values(Map<String, Optional<String>> values) implements BulkGetResult {
        public Values {
            values = Map.copyOf(values);
        }
    }

    /** 413: the values together exceed 25 MB; ask for fewer keys at a time. */
    record TooLarge(String message) implements BulkGetResult {
        public TooLarge {
            Objects.requireNonNull(message, "message");
        }
    }

    /** 400 for the batch (a value that is not text, say): read these keys one by one. */
    record Refused(String message) implements BulkGetResult {
        public Refused {
            Objects.requireNonNull(message, "message");
        }
    }
}
