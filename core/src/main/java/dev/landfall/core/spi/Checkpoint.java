package dev.landfall.core.spi;

import dev.landfall.core.model.Key;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A resume point: the last key delivered plus a position that only the source that made it may
 * interpret (a list cursor, a page number). Position values are JSON primitives (String, Long,
 * Boolean) so checkpoints can be written to a journal as JSON.
 *
 * <p>{@link #START} means "from the top"; no method takes or returns {@code null} in its place.
 *
 * @param lastKey the last key delivered before this point, or null at the start
 * @param position source-specific state, never null
 */
public record Checkpoint(Key lastKey, Map<String, Object> position) {
    /** The point before the first entry. */
    public static final Checkpoint START = new Checkpoint(null, Map.of());

    public Checkpoint {
        position = Map.copyOf(Objects.requireNonNull(position, "position"));
        for (Object v : position.values()) {
            if (!(v instanceof String || v instanceof Long || v instanceof Boolean)) {
                throw new IllegalArgumentException("checkpoint position values must be String, Long or Boolean: " + v);
            }
        }
    }

    /** A checkpoint just after the given key, with no source-specific position. */
    public static Checkpoint after(Key key) {
        return new Checkpoint(Objects.requireNonNull(key, "key"), Map.of());
    }

    /** The last key delivered, empty at the start. */
    public Optional<Key> last() {
        return Optional.ofNullable(lastKey);
    }

    /** Whether this is the start. */
    public boolean isStart() {
        return lastKey == null && position.isEmpty();
    }
}
