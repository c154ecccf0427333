package dev.landfall.core.copy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.landfall.core.diff.ChangeCounts;
import dev.landfall.core.diff.ChangeKind;
import dev.landfall.core.diff.KeyChange;
import dev.landfall.core.model.Entry;
import dev.landfall.core.model.Key;
import dev.landfall.core.model.KvNamespace;
import dev.landfall.core.model.Scope;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SerializedListenerTest {
    private static final KvNamespace A = new KvNamespace("aaaa", "A");
    private static final KvNamespace B = new KvNamespace("bbbb", "B");

    /** Records every call as a line, and fails a call made while another is under way. */
    private static final class Recording implements CopyListener {
        final List<String> calls = new ArrayList<>();
        final AtomicInteger inside = new AtomicInteger();
        volatile boolean overlapped;

        private void record(String call) {
            if (inside.incrementAndGet() != 1) {
                overlapped = true;
            }
            calls.add(call);
            Thread.yield(); // gives another thread the chance to overlap, were calls not serialized
            inside.decrementAndGet();
        }

        @Override
        public void scopeStarted(Scope scope, boolean resumed) {
            record(scope.id() + " started");
        }

        @Override
        public void keyCompared(Scope scope, KeyChange change) {
            record(scope.id() + " key " + change.key());
        }

        @Override
        public void batchCommitted(Scope scope) {
            record(scope.id() + " batch");
        }

        @Override
        public void scopeFinished(ScopeCopyResult result) {
            record(result.scope().id() + " finished");
        }

        List<String> of(Scope scope) {
            synchronized (this) {
                return calls.stream()
                        .filter(c -> c.startsWith(scope.id() + " "))
                        .toList();
            }
        }
    }

    private static KeyChange created(Scope scope, int i, int valueBytes) {
        Entry e = new Entry(scope, Key.of(String.format("k%05d", i)), new byte[valueBytes], null, null);
        return new KeyChange(ChangeKind.CREATE, e.key(), null, e);
    }

    /** What one copying thread tells the listener for a scope of {@code keys} keys in batches of {@code batch}. */
    private static void copy(CopyListener l, Scope scope, int keys, int batch) {
        l.scopeStarted(scope, false);
        for (int i = 0; i < keys; i++) {
            l.keyCompared(scope, created(scope, i, 10));
            if ((i + 1) % batch == 0) {
                l.batchCommitted(scope);
            }
        }
        l.batchCommitted(scope);
        l.scopeFinished(new ScopeCopyResult(scope, ChangeCounts.ZERO, false));
    }

    private static List<String> expected(Scope scope, int keys, int batch) {
        List<String> out = new ArrayList<>();
        out.add(scope.id() + " started");
        for (int i = 0; i < keys; i++) {
            out.add(scope.id() + " key " + String.format("k%05d", i));
            if ((i + 1) % batch == 0) {
                out.add(scope.id() + " batch");
            }
        }
        out.add(scope.id() + " batch");
        out.add(scope.id() + " finished");
        return out;
    }

    @Test
    void twoThreadsCopyingAtOnceAreHeardOneCallAtATimeEachScopeInItsOrder() throws Exception {
        Recording inner = new Recording();
        SerializedListener l = new SerializedListener(inner);
        CyclicBarrier start = new CyclicBarrier(2);
        List<Throwable> failures = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (Scope s : List.of(A, B)) {
            Thread t = new Thread(() -> {
                try {
                    start.await();
                    copy(l, s, 3000, 700);
                } catch (Exception | Error e) {
                    synchronized (failures) {
                        failures.add(e);
                    }
                }
            });
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        assertEquals(List.of(), failures);
        assertTrue(!inner.overlapped, "a call to the inner listener began while another was under way");
        assertEquals(expected(A, 3000, 700), inner.of(A));
        assertEquals(expected(B, 3000, 700), inner.of(B));
    }

    @Test
    void keysAreHandedOverBeforeTheirBatchIsHeardAndNoLaterThanAFullRun() {
        Recording inner = new Recording();
        SerializedListener l = new SerializedListener(inner);
        l.scopeStarted(A, false);
        for (int i = 0; i < SerializedListener.RUN_KEYS - 1; i++) {
            l.keyCompared(A, created(A, i, 1));
        }
        assertEquals(List.of(A.id() + " started"), inner.calls, "a run that is not full waits");
        l.keyCompared(A, created(A, SerializedListener.RUN_KEYS - 1, 1));
        assertEquals(1 + SerializedListener.RUN_KEYS, inner.calls.size(), "a full run is handed over at once");
        l.keyCompared(A, created(A, SerializedListener.RUN_KEYS, 1));
        l.batchCommitted(A);
        assertEquals(
                List.of(A.id() + " key k" + String.format("%05d", SerializedListener.RUN_KEYS), A.id() + " batch"),
                inner.calls.subList(inner.calls.size() - 2, inner.calls.size()));
    }

    @Test
    void largeValuesHandTheRunOverBeforeItHoldsMoreThanItsBytes() {
        Recording inner = new Recording();
        SerializedListener l = new SerializedListener(inner);
        int value = (int) (SerializedListener.RUN_BYTES / 2);
        l.keyCompared(A, created(A, 0, value));
        assertEquals(List.of(), inner.calls);
        l.keyCompared(A, created(A, 1, value));
        assertEquals(List.of(A.id() + " key k00000", A.id() + " key k00001"), inner.calls);
    }

    @Test
    void keysOfACopyThatFailedBeforeItsBatchAreHeardBeforeTheNextScopeStarts() {
        Recording inner = new Recording();
        SerializedListener l = new SerializedListener(inner);
        l.scopeStarted(A, false);
        l.keyCompared(A, created(A, 0, 1));
        // A's copy failed here: no batch, no finish.
        l.scopeStarted(B, false);
        assertEquals(List.of(A.id() + " started", A.id() + " key k00000", B.id() + " started"), inner.calls);
    }
}
