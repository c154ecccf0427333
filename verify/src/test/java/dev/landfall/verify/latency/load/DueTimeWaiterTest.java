package dev.landfall.verify.latency.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class DueTimeWaiterTest {
    private static final long MICRO = 1_000;

    @Test
    void neverReturnsBeforeTheDueInstantOnTheRealClock() {
        DueTimeWaiter waiter = new DueTimeWaiter(() -> false);
        Random random = new Random(19);
        List<Long> early = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            // From already past to a few parks ahead: both the spin and the park paths.
            long due = System.nanoTime() + random.nextInt(600_000) - 50_000;
            assertTrue(waiter.awaitNanos(due));
            long now = System.nanoTime();
            if (now < due) {
                early.add(due - now);
            }
        }
        assertEquals(List.of(), early, "returned this many ns before the due instant");
    }

    @Test
    void parksEarlyByTheOvershootItLearnedAndSpinsOnlyTheMargin() {
        // A clock that moves 1 µs per reading, and parks that each wake 80 µs late.
        AtomicLong now = new AtomicLong();
        long[] readsAfterPark = {0};
        DueTimeWaiter waiter = new DueTimeWaiter(
                () -> {
                    readsAfterPark[0]++;
                    return now.addAndGet(MICRO);
                },
                park -> {
                    now.addAndGet(park + 80 * MICRO);
                    readsAfterPark[0] = 0;
                },
                () -> false);
        for (int i = 0; i < 100; i++) {
            long due = now.get() + 5_000 * MICRO;
            assertTrue(waiter.awaitNanos(due));
            long late = now.get() - due;
            assertTrue(late >= 0, "returned " + -late + " ns before the due instant");
            if (i >= 20) {
                // Once learned, it wakes before the due instant and spins to it: on time.
                assertTrue(late <= MICRO, "returned " + late + " ns after the due instant, round " + i);
            }
        }
        assertEquals(80 * MICRO, waiter.overshootNanos(), 5 * MICRO, "the overshoot learned");
        long spun = readsAfterPark[0];
        assertTrue(
                spun <= (DueTimeWaiter.SPIN_MARGIN_NANOS + 5 * MICRO) / MICRO,
                "spun " + spun + " µs after its last park, more than the margin");
    }

    @Test
    void aParkFarLateNeverMakesItSpinPastTheCap() {
        AtomicLong now = new AtomicLong();
        DueTimeWaiter waiter =
                new DueTimeWaiter(() -> now.addAndGet(MICRO), park -> now.addAndGet(park + 5_000 * MICRO), () -> false);
        for (int i = 0; i < 100; i++) {
            assertTrue(waiter.awaitNanos(now.get() + 10_000 * MICRO));
        }
        assertTrue(waiter.overshootNanos() <= DueTimeWaiter.MAX_SPIN_NANOS, "estimate " + waiter.overshootNanos());
        assertTrue(
                waiter.overshootNanos() >= DueTimeWaiter.MAX_SPIN_NANOS * 9 / 10,
                "estimate " + waiter.overshootNanos());
    }

    @Test
    void aCancelledRunOrAnInterruptEndsTheWaitWithFalse() {
        AtomicBoolean cancelled = new AtomicBoolean(true);
        DueTimeWaiter waiter = new DueTimeWaiter(cancelled::get);
        assertFalse(waiter.awaitNanos(System.nanoTime() + 60_000_000_000L));

        cancelled.set(false);
        Thread.currentThread().interrupt();
        try {
            assertFalse(waiter.awaitNanos(System.nanoTime() + 60_000_000_000L));
            assertTrue(Thread.currentThread().isInterrupted(), "the interrupt is kept for the caller");
        } finally {
            Thread.interrupted();
        }
    }
}
