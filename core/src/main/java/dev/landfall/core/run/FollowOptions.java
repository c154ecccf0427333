package dev.landfall.core.run;

import java.time.Duration;
import java.util.Objects;

/**
 * How the {@link Follower} follows a change log.
 *
 * @param window how long after a change its key is re-read: the source's consistency window (a
 *     Workers KV write is visible everywhere within about 60 s), so the read sees that write
 * @param readLimit changes read from a shard at once, 1..10000
 * @param poll the longest wait between rounds when nothing is ready
 * @param drain return once every change recorded so far is applied, instead of following until stopped
 */
public record FollowOptions(Duration window, int readLimit, Duration poll, boolean drain) {
    /** The Workers KV consistency window (about 60 s) with a margin for the write's own time. */
    public static final Duration KV_WINDOW = Duration.ofSeconds(65);

    public FollowOptions {
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(poll, "poll");
        if (window.isNegative()) {
            throw new IllegalArgumentException("the consistency window is negative");
        }
        if (readLimit < 1 || readLimit > 10_000) {
            throw new IllegalArgumentException("readLimit " + readLimit + " is out of 1..10000");
        }
    }

    /** Following a Workers KV change log until stopped. */
    public static FollowOptions defaults() {
        return new FollowOptions(KV_WINDOW, 1000, Duration.ofMillis(250), false);
    }

    public FollowOptions withWindow(Duration w) {
        return new FollowOptions(w, readLimit, poll, drain);
    }

    public FollowOptions draining(boolean d) {
        return new FollowOptions(window, readLimit, poll, d);
    }
}
