package dev.landfall.verify.latency.load;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.BooleanSupplier;

/**
 * The sender threads of one endpoint, each with its own keep-alive connection and its own clock:
 * a free sender takes the next request from the queue <em>before</em> it is due (the scheduler
 * queues pairs ahead), waits until that request's intended send time ({@link DueTimeWaiter}: a
 * park, then a short spin, so it is not the kernel's timer slack late) and sends it itself, as
 * wrk2's connections each keep their own constant-rate schedule. Nothing wakes a sender but its
 * own timer, so the only jitter between due and sent is its own wake-up, and it is measured: how
 * late each request really went out is in its {@link Outcome}. When all senders are busy (a
 * slow or stalled endpoint), requests wait in the queue and their latency, counted from the
 * intended send time, includes the wait: the open loop never slows down to match the server. A
 * request that is already later than the timeout fails without being sent, which bounds the queue
 * at rate x timeout.
 */
public final class Senders {
    /** Receives every finished side, on a sender thread. */
    public interface Completion {
        void completed(PairSlot slot, int side, Outcome outcome, boolean pairDone);
    }

    private static final PairSlot STOP = new PairSlot(-1, null, 0, PairSlot.WARMUP);

    private final int side;
    private final HttpEndpoint endpoint;
    private final long timeoutNanos;
    private final BooleanSupplier cancelled;
    private final Completion completion;
    private final LinkedBlockingQueue<PairSlot> queue = new LinkedBlockingQueue<>();
    private final List<Thread> threads = new ArrayList<>();

    public Senders(
            int side,
            HttpEndpoint endpoint,
            int connections,
            long timeoutNanos,
            BooleanSupplier cancelled,
            Completion completion) {
        this.side = side;
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        this.timeoutNanos = timeoutNanos;
        this.cancelled = Objects.requireNonNull(cancelled, "cancelled");
        this.completion = Objects.requireNonNull(completion, "completion");
        String name = side == PairSlot.BASELINE ? "baseline" : "candidate";
        for (int i = 0; i < connections; i++) {
            Thread t = new Thread(this::loop, "landfall-" + name + "-" + i);
            t.setDaemon(true);
            threads.add(t);
        }
    }

    public void start() {
        threads.forEach(Thread::start);
    }

    /** Queues a request ahead of its due time for the next free sender. */
    public void submit(PairSlot slot) {
        queue.add(slot);
    }

    /** Lets the senders finish what is queued, then waits for them to end. */
    public void finish() throws InterruptedException {
        for (int i = 0; i < threads.size(); i++) {
            queue.add(STOP);
        }
        for (Thread t : threads) {
            t.join();
        }
    }

    private void loop() {
        DueTimeWaiter waiter = new DueTimeWaiter(cancelled);
        while (true) {
            PairSlot slot;
            try {
                slot = queue.take();
            } catch (InterruptedException e) {
                return;
            }
            if (slot == STOP) {
                return;
            }
            Outcome o = send(slot, waiter);
            completion.completed(slot, side, o, slot.complete(side, o));
        }
    }

    private Outcome send(PairSlot slot, DueTimeWaiter waiter) {
        if (!waiter.awaitNanos(slot.intendedNanos())) {
            return Outcome.skippedByCancel();
        }
        long late = System.nanoTime() - slot.intendedNanos();
        if (late > timeoutNanos) {
            return Outcome.failed("waited longer than the timeout for a free connection", late, Outcome.NOT_SENT);
        }
        try {
            var answer = endpoint.send(slot.request());
            return Outcome.answered(answer, System.nanoTime() - slot.intendedNanos(), late);
        } catch (IOException e) {
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return Outcome.failed(why, System.nanoTime() - slot.intendedNanos(), late);
        } catch (RuntimeException e) {
            // A malformed answer can surface as an unchecked exception: still no answer.
            return Outcome.failed(String.valueOf(e), System.nanoTime() - slot.intendedNanos(), late);
        }
    }
}
