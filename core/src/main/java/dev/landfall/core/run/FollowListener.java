package dev.landfall.core.run;

import dev.landfall.core.live.Change;
import java.util.List;

/**
 * Hears a {@link Follower}, for progress displays, status pages and benchmarks. Called on the
 * following thread; implementations must be quick and must not throw.
 */
public interface FollowListener {
    /** A listener that ignores everything. */
    FollowListener NONE = new FollowListener() {};

    /** This listener, then {@code other}, for every event. */
    default FollowListener then(FollowListener other) {
        List<FollowListener> both = List.of(this, other);
        return new FollowListener() {
            @Override
            public void applied(Change change, long delayMillis) {
                both.forEach(l -> l.applied(change, delayMillis));
            }

            @Override
            public void round(FollowProgress progress) {
                both.forEach(l -> l.round(progress));
            }

            @Override
            public void trimFailed(int shard, Exception cause) {
                both.forEach(l -> l.trimFailed(shard, cause));
            }
        };
    }

    /**
     * A change was applied and committed.
     *
     * @param delayMillis from its recording to the commit, by the log's clock
     */
    default void applied(Change change, long delayMillis) {}

    /** A round ended. */
    default void round(FollowProgress progress) {}

    /** Trimming applied changes from the log failed; the follower goes on and trims them later. */
    default void trimFailed(int shard, Exception cause) {}
}
