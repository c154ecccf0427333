package dev.landfall.core.live;

import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * Changes read from one shard, in sequence order.
 *
 * @param state the shard as it answered
 * @param changes after the position asked for
 * @param next the sequence number to read after for more, or empty when this page reached the end
 */
public record ChangePage(ShardState state, List<Change> changes, OptionalLong next) {
    public ChangePage {
        Objects.requireNonNull(state, "state");
        changes = List.copyOf(changes);
        Objects.requireNonNull(next, "next");
    }
}
