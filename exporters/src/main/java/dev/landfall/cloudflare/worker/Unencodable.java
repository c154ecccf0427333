package dev.landfall.cloudflare.worker;

import java.util.Objects;
import java.util.Optional;

/**
 * A stored value the Worker could not write as typed JSON (docs/typed-json.md §8). It never holds
 * the value itself.
 *
 * @param reason {@code cycle}, {@code array-properties}, {@code unsupported-type} or {@code too-deep}
 * @param path where in the value, in typed JSON path syntax, when known
 * @param type the JavaScript type, for {@code unsupported-type}
 * @param message for people
 */
public record Unencodable(String reason, Optional<String> path, Optional<String> type, String message) {
    public Unencodable {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(message, "message");
    }

    /** {@code reason at path}, for summaries. */
    public String describe() {
        return reason + path.map(p -> " at " + p).orElse("");
    }
}
