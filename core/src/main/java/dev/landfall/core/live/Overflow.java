package dev.landfall.core.live;

/**
 * Changes a full shard could not record: the store cannot be brought up to date by following.
 *
 * @param dropped how many
 * @param firstMillis when the first was dropped, by the shard's clock
 * @param lastMillis when the last was dropped
 */
public record Overflow(long dropped, long firstMillis, long lastMillis) {}
