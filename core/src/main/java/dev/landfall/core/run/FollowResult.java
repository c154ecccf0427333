package dev.landfall.core.run;

/**
 * How a {@link Follower} ended.
 *
 * @param applied changes applied and committed
 * @param rounds rounds run
 * @param stopped whether it ended because it was asked to stop (else it drained the log)
 */
public record FollowResult(long applied, long rounds, boolean stopped) {}
