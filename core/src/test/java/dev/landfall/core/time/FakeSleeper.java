package dev.landfall.core.time;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A {@link Sleeper} that never sleeps: it records each wait and moves a {@link FakeClock} forward
 * by it, so code that waits "until" a time gets there at once. Thread-safe.
 */
public final class FakeSleeper implements Sleeper {
    private final FakeClock clock;
    private final List<Duration> sleeps = new ArrayList<>();

    /** A sleeper that advances {@code clock}. */
    public FakeSleeper(FakeClock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public void sleep(Duration duration) throws InterruptedException {
        if (Thread.currentThread().isInterrupted()) {
            throw new InterruptedException("interrupted before a fake sleep");
        }
        if (duration.isZero() || duration.isNegative()) {
            return;
        }
        synchronized (this) {
            sleeps.add(duration);
        }
        clock.advance(duration);
    }

    /** Every positive wait so far, in order. */
    public synchronized List<Duration> sleeps() {
        return List.copyOf(sleeps);
    }

    /** The sum of all waits so far. */
    public synchronized Duration total() {
        return sleeps.stream().reduce(Duration.ZERO, Duration::plus);
    }
}
