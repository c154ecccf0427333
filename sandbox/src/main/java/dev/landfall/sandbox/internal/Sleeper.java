package dev.landfall.sandbox.internal;

import java.time.Duration;

/** Waits; injected so tests of latency and slow faults never sleep. */
@FunctionalInterface
public interface Sleeper {
    Sleeper SYSTEM = d -> {
        if (!d.isZero() && !d.isNegative()) {
            Thread.sleep(d.toMillis(), d.toNanosPart() % 1_000_000);
        }
    };

    void sleep(Duration duration) throws InterruptedException;
}
