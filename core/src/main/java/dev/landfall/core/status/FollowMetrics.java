package dev.landfall.core.status;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * The follower's meters: what it applied, how far behind it is, how often it failed. Making one
 * registers every meter with {@link Metrics}, so nothing the follower counts can be missing from
 * {@code /metrics}. Counters only go up; lag gauges read {@code NaN} until the first measurement,
 * so a follower that has not yet read the log does not claim to be caught up.
 *
 * <p>Thread-safe.
 */
public final class FollowMetrics {
    // Seconds: from "on time" to two minutes late, finest where a healthy follower lands.
    private static final double[] DELAY_BEYOND_WINDOW_BUCKETS = {
        0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 0.75, 1, 1.5, 2, 3, 5, 10, 30, 60, 120
    };

    private final Clock clock;
    private final Counter changesApplied;
    private final Counter batchesApplied;
    private final Counter errors;
    private final Gauge lagChanges;
    private final Gauge lagSeconds;
    private final Gauge lastAppliedAt;
    private final Histogram beyondWindow;

    /**
     * Registers the follower's meters.
     *
     * @param clock stamps {@code landfall_follow_last_applied_timestamp_seconds}
     * @throws IllegalStateException if {@code metrics} has them already (one follower per process)
     */
    public FollowMetrics(Metrics metrics, Clock clock) {
        Objects.requireNonNull(metrics, "metrics");
        this.clock = Objects.requireNonNull(clock, "clock");
        changesApplied =
                metrics.counter("landfall_follow_changes_applied_total", "Captured changes applied to the store.");
        batchesApplied = metrics.counter(
                "landfall_follow_batches_applied_total",
                "Batches of changes committed to the store with their log position.");
        errors = metrics.counter("landfall_follow_errors_total", "Errors met while following, retried or not.");
        lagChanges = metrics.gauge(
                "landfall_follow_lag_changes", "Changes captured but not yet applied (NaN until first measured).");
        lagSeconds = metrics.gauge(
                "landfall_follow_lag_seconds",
                "Age in seconds of the oldest change not yet applied (NaN until first measured).");
        lastAppliedAt = metrics.gauge(
                "landfall_follow_last_applied_timestamp_seconds",
                "When the last batch was committed, in seconds since the epoch (NaN before the first).");
        beyondWindow = metrics.histogram(
                "landfall_follow_apply_delay_beyond_window_seconds",
                "Per change, time from its capture to its commit in the store beyond the consistency window.",
                DELAY_BEYOND_WINDOW_BUCKETS);
    }

    /** Records how long after its consistency window one change was committed. */
    public void appliedAfterWindow(Duration beyond) {
        beyondWindow.observe(Math.max(0, beyond.toNanos() / 1e9));
    }

    /**
     * Counts one committed batch of {@code changes} changes.
     *
     * @throws IllegalArgumentException if {@code changes} is negative: a counter never goes down
     */
    public void applied(long changes) {
        if (changes < 0) {
            throw new IllegalArgumentException("changes applied cannot be negative: " + changes);
        }
        changesApplied.inc(changes);
        batchesApplied.inc();
        lastAppliedAt.set(clock.millis() / 1000.0);
    }

    /** Counts one error. */
    public void failed() {
        errors.inc();
    }

    /**
     * Sets the lag as last measured.
     *
     * @throws IllegalArgumentException if either is negative
     */
    public void lag(long changes, Duration behind) {
        if (changes < 0 || behind.isNegative()) {
            throw new IllegalArgumentException("lag cannot be negative: " + changes + " changes, " + behind);
        }
        lagChanges.set(changes);
        lagSeconds.set(behind.toNanos() / 1e9);
    }
}
