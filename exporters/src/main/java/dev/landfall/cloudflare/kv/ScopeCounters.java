package dev.landfall.cloudflare.kv;

import java.util.concurrent.atomic.LongAdder;

/** The live counters behind {@link KvScopeCounters}; updated from the source's threads. */
final class ScopeCounters {
    final LongAdder listed = new LongAdder();
    final LongAdder emitted = new LongAdder();
    final LongAdder expired = new LongAdder();
    final LongAdder vanished = new LongAdder();
    final LongAdder listCalls = new LongAdder();
    final LongAdder bulkGets = new LongAdder();
    final LongAdder singleReads = new LongAdder();

    KvScopeCounters snapshot() {
        return new KvScopeCounters(
                listed.sum(),
                emitted.sum(),
                expired.sum(),
                vanished.sum(),
                listCalls.sum(),
                bulkGets.sum(),
                singleReads.sum());
    }
}
