package dev.landfall.core.live;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One shard of a change log as it answered.
 *
 * @param shard its number
 * @param epoch made when the shard was created or reset; a different one means changes may be lost
 * @param sinceMillis when the epoch began
 * @param nowMillis the shard's clock when it answered: change times are compared with it
 * @param head the last sequence number given out, 0 if none
 * @param pending changes it holds
 * @param capacity pending changes it holds before it overflows
 * @param overflow what it could not record, or null
 * @param writerShards the shard counts the capturing Workers are configured with
 */
public record ShardState(
        int shard,
        String epoch,
        long sinceMillis,
        long nowMillis,
        long head,
        long pending,
        long capacity,
        Overflow overflow,
        List<Integer> writerShards) {
    public ShardState {
        Objects.requireNonNull(epoch, "epoch");
        writerShards = List.copyOf(writerShards);
    }

    /** What the shard could not record, if anything. */
    public Optional<Overflow> overflowed() {
        return Optional.ofNullable(overflow);
    }
}
