package dev.landfall.core.run;

import dev.landfall.core.live.Change;
import dev.landfall.core.status.FollowMetrics;
import dev.landfall.core.status.LastError;
import dev.landfall.core.status.Status;
import dev.landfall.core.status.StatusSource;
import dev.landfall.core.text.VisibleText;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A follower as its status pages and metrics see it: hears the {@link Follower} on its thread,
 * hands out snapshots to the server's thread (docs/status-pages.md).
 */
public final class FollowStatus implements FollowListener, StatusSource {
    private final FollowMetrics metrics;
    private final Clock clock;
    private final Duration window;
    private final Map<String, String> flags;
    private volatile Status status;
    private long appliedInRound;

    /**
     * @param starting the status before the first round (what runs, source and store, masked)
     * @param window the run's consistency window, for the delay beyond it
     * @param flags the effective options, passwords masked
     */
    public FollowStatus(
            Status starting, FollowMetrics metrics, Clock clock, Duration window, Map<String, String> flags) {
        this.status = Objects.requireNonNull(starting, "starting");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.window = Objects.requireNonNull(window, "window");
        this.flags = Map.copyOf(flags);
    }

    @Override
    public void applied(Change change, long delayMillis) {
        appliedInRound++;
        metrics.appliedAfterWindow(Duration.ofMillis(delayMillis).minus(window));
    }

    @Override
    public void round(FollowProgress p) {
        if (appliedInRound > 0) {
            metrics.applied(appliedInRound);
            appliedInRound = 0;
        }
        metrics.lag(p.lagChanges(), Duration.ofMillis(Math.round(p.lagSeconds() * 1000)));
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("applied", Long.toString(p.appliedTotal()));
        fields.put("waiting out the window", Long.toString(p.waiting()));
        fields.put("consistency window", String.format(Locale.ROOT, "%.3f s", window.toMillis() / 1000.0));
        status = status.withProgress(p.position(), p.lagChanges(), Duration.ofMillis(Math.round(p.lagSeconds() * 1000)))
                .withFields(fields);
    }

    @Override
    public void trimFailed(int shard, Exception cause) {
        metrics.failed();
        status = status.withLastError(new LastError(
                "trimming change-log shard " + shard + " failed: " + VisibleText.of(String.valueOf(cause.getMessage())),
                clock.instant()));
    }

    /** Records the error that ended following. */
    public void failed(Exception cause) {
        metrics.failed();
        status = status.withLastError(new LastError(String.valueOf(cause.getMessage()), clock.instant()));
    }

    @Override
    public Status status() {
        return status;
    }

    @Override
    public Map<String, String> flags() {
        return flags;
    }
}
