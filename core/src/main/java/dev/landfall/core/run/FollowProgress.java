package dev.landfall.core.run;

/**
 * Where a follower stands after a round.
 *
 * @param appliedTotal changes applied since this process began following
 * @param passedNow changes passed in this round: applied, or skipped as not part of the run
 * @param lagChanges changes recorded and not applied yet
 * @param lagSeconds age of the oldest change not applied yet, by the log's clock; 0 when none waits
 * @param waiting changes not applied yet only because their consistency window has not passed
 * @param position each shard's committed position, as {@code shard:seq} pairs
 */
public record FollowProgress(
        long appliedTotal, long passedNow, long lagChanges, double lagSeconds, long waiting, String position) {}
