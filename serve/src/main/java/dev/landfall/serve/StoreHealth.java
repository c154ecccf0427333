package dev.landfall.serve;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Whether the store answered lately: reached at least once ({@code /readyz}), unreachable since
 * when ({@code /statusz}), and how many calls failed ({@code /metrics}). {@link KvService}
 * reports every store call here. Thread-safe.
 */
public final class StoreHealth {
    private final Clock clock;
    private volatile boolean reached;
    private final AtomicReference<Instant> unreachableSince = new AtomicReference<>();
    private final AtomicLong errors = new AtomicLong();

    public StoreHealth(Clock clock) {
        this.clock = clock;
    }

    void succeeded() {
        reached = true;
        if (unreachableSince.get() != null) {
            unreachableSince.set(null);
        }
    }

    void failed() {
        errors.incrementAndGet();
        unreachableSince.compareAndSet(null, clock.instant());
    }

    /** Whether any store call has succeeded since start. */
    public boolean reachedOnce() {
        return reached;
    }

    /** Since when every store call has failed, if the last one failed. */
    public Optional<Instant> unreachableSince() {
        return Optional.ofNullable(unreachableSince.get());
    }

    /** Store calls that failed since start. */
    public long errors() {
        return errors.get();
    }
}
