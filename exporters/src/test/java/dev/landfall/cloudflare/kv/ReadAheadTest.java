package dev.landfall.cloudflare.kv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The read-ahead bound: by batches outstanding and by bytes held, never stuck on one huge batch. */
class ReadAheadTest {

    /** Runs acquire() on another thread and returns once it is blocked in it. */
    private static Thread blockedAcquire(ReadAhead r, AtomicReference<Throwable> thrown) throws InterruptedException {
        Thread t = new Thread(() -> {
            try {
                r.acquire();
            } catch (Throwable e) {
                thrown.set(e);
            }
        });
        t.setDaemon(true);
        t.start();
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (t.getState() != Thread.State.WAITING && t.isAlive() && System.nanoTime() < until) {
            Thread.onSpinWait();
        }
        assertEquals(Thread.State.WAITING, t.getState(), "acquire() waits");
        return t;
    }

    private static void assertReturns(Thread t) throws InterruptedException {
        t.join(TimeUnit.SECONDS.toMillis(10));
        assertFalse(t.isAlive(), "acquire() returned");
    }

    @Test
    void noMoreThanMaxBatchesAreOutstanding() throws InterruptedException {
        ReadAhead r = new ReadAhead(3, 1_000_000);
        for (int i = 0; i < 3; i++) {
            r.acquire();
            r.fetched(100);
        }
        Thread fourth = blockedAcquire(r, new AtomicReference<>());
        assertEquals(3, r.outstanding());

        r.consumed(100);

        assertReturns(fourth);
        assertEquals(3, r.outstanding());
        assertEquals(200, r.heldBytes());
    }

    @Test
    void valuesHeldForTheConsumerStopNewBatchesUntilConsumed() throws InterruptedException {
        ReadAhead r = new ReadAhead(100, 1000);
        r.acquire();
        r.fetched(600);
        r.acquire(); // 600 held: under the bound
        r.fetched(600);
        Thread third = blockedAcquire(r, new AtomicReference<>());

        r.consumed(600);

        assertReturns(third);
        assertEquals(2, r.outstanding());
        assertEquals(600, r.heldBytes());
    }

    @Test
    void aBatchLargerThanTheBoundStillGoesWhenNothingElseIsOutstanding() throws InterruptedException {
        ReadAhead r = new ReadAhead(4, 1000);
        r.acquire();
        r.fetched(25L * 1024 * 1024);
        r.consumed(25L * 1024 * 1024);
        r.acquire();
        assertEquals(1, r.outstanding(), "one batch may always be outstanding");
        r.fetched(25L * 1024 * 1024);
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread next = blockedAcquire(r, thrown);

        next.interrupt();

        assertReturns(next);
        assertInstanceOf(InterruptedException.class, thrown.get());
        assertEquals(1, r.outstanding(), "an interrupted acquire counts nothing");
    }

    @Test
    void boundsMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> new ReadAhead(0, 1));
        assertThrows(IllegalArgumentException.class, () -> new ReadAhead(1, 0));
        assertEquals(0, new ReadAhead(1, 1).outstanding());
    }
}
