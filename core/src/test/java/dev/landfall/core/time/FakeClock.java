package dev.landfall.core.time;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/** A UTC clock that moves only when a test tells it to; safe to read from server threads. */
public final class FakeClock extends Clock {
    private final AtomicReference<Instant> now;

    public FakeClock(Instant start) {
        this.now = new AtomicReference<>(start);
    }

    /** A clock at 2026-03-01T12:00:00Z. */
    public FakeClock() {
        this(Instant.parse("2026-03-01T12:00:00Z"));
    }

    /** Moves the clock forward. */
    public void advance(Duration d) {
        now.updateAndGet(i -> i.plus(d));
    }

    /** The current time in whole epoch seconds. */
    public long epochSecond() {
        return now.get().getEpochSecond();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return now.get();
    }
}
