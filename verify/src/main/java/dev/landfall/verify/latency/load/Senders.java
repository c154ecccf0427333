package dev.landfall.verify.latency.load;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.BooleanSupplier;

/**
 * The sender threads of one endpoint: each takes the next due request from a shared queue and
 * sends it over its own keep-alive connection. When all are busy (a slow or stalled endpoint),
 * requests wait in the queue and their latency, counted from the intended send time, includes the
 * wait: the open loop never slows down to match the server. A request that has waited longer than
 * the timeout fails without being sent, which bounds the queue at rate x timeout.
 */
public final class Senders {
    /** Receives every finished side, on a sender thread. */
    public interface Completion {
        void completed(PairSlot slot, int side, Outcome outcome, boolean pairDone);
    }

    private static final PairSlot STOP = new PairSlot(-1, null, 0, false);

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

    /** Hands a due request to the next free sender. */
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
            Outcome o = send(slot);
            completion.completed(slot, side, o, slot.complete(side, o));
        }
    }

    private Outcome send(PairSlot slot) {
        if (cancelled.getAsBoolean()) {
            return Outcome.skippedByCancel();
        }
        long waited = System.nanoTime() - slot.intendedNanos();
        if (waited > timeoutNanos) {
            return Outcome.failed("waited longer than the timeout for a free connection", waited);
        }
        try {
            var answer = endpoint.send(slot.request());
            return Outcome.answered(answer, System.nanoTime() - slot.intendedNanos());
        } catch (IOException e) {
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return Outcome.failed(why, System.nanoTime() - slot.intendedNanos());
        } catch (RuntimeException e) {
            // OkHttp reports some malformed answers as unchecked exceptions: still no answer.
            return Outcome.failed(String.valueOf(e), System.nanoTime() - slot.intendedNanos());
        }
    }
}
