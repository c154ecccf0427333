package dev.landfall.core.live;

import dev.landfall.core.model.Key;
import dev.landfall.core.model.Scope;
import java.util.Objects;
import java.util.Optional;

/**
 * One recorded change: a key that was written or deleted, not the value (the follower re-reads
 * it), or a Durable Object whose storage changed ({@link Op#OBJECT}: the key is the object's id and
 * the follower re-reads the object whole). A shard keeps only the latest change per key, so two
 * changes of one key never wait side by side.
 *
 * @param shard the shard that holds it
 * @param seq its sequence number in that shard, strictly increasing
 * @param binding the name the capturing Worker wrote through
 * @param scope where the key lives in this run, or null when the run does not copy that binding
 * @param key the key
 * @param op what the write did
 * @param timeMillis when the shard recorded it, by the shard's clock
 * @param expiration the expiry the write set, epoch seconds, or null
 */
public record Change(
        int shard, long seq, String binding, Scope scope, Key key, Op op, long timeMillis, Long expiration) {
    /** What a recorded write did. */
    public enum Op {
        PUT,
        DELETE,
        /** A Durable Object's storage or SQL tables changed; {@link Change#key()} is its id. */
        OBJECT;

        /** The protocol's name of the operation ({@code put}, {@code delete}, {@code object}). */
        public static Op parse(String text) {
            return switch (text) {
                case "put" -> PUT;
                case "delete" -> DELETE;
                case "object" -> OBJECT;
                default -> throw new IllegalArgumentException("unknown change operation " + text);
            };
        }
    }

    public Change {
        Objects.requireNonNull(binding, "binding");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(op, "op");
    }

    /** The scope, if this run copies the binding. */
    public Optional<Scope> inScope() {
        return Optional.ofNullable(scope);
    }
}
