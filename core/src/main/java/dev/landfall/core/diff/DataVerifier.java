package dev.landfall.core.diff;

import dev.landfall.core.cursor.FilteringCursor;
import dev.landfall.core.digest.EntryDigest;
import dev.landfall.core.digest.ScopeDigest;
import dev.landfall.core.model.Entry;
import dev.landfall.core.model.Scope;
import dev.landfall.core.spi.Checkpoint;
import dev.landfall.core.spi.Cursor;
import dev.landfall.core.spi.Source;
import java.io.IOException;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Proves a store equals its source, scope by scope: the count and digest of each side's unexpired
 * entries (one streaming pass each), and where they differ, a second pass that walks only the
 * keys of the differing buckets of the 256 to name the keys that differ. Entries that expire
 * between export and verification are left out on both sides and counted as expired, never
 * reported as mismatches, also on a side that drops them itself as they expire (Redis, Workers KV)
 * while the other is read. Memory is constant.
 */
public final class DataVerifier {
    private final Source source;
    private final Source store;
    private final int show;
    private final Clock clock;

    public DataVerifier(Source source, Source store, int show, Clock clock) {
        this.source = Objects.requireNonNull(source, "source");
        this.store = Objects.requireNonNull(store, "store");
        this.show = show;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Verifies every selected scope of the source. */
    public List<ScopeVerification> verify(Predicate<Scope> selected) throws IOException {
        long now = clock.instant().getEpochSecond();
        List<ScopeVerification> out = new ArrayList<>();
        try (Cursor<Scope> all = source.scopes()) {
            while (all.next()) {
                if (selected.test(all.current())) {
                    out.add(verifyScope(all.current(), now));
                }
            }
        }
        return out;
    }

    /** Verifies one scope. */
    public ScopeVerification verifyScope(Scope scope, long now) throws IOException {
        MessageDigest sha = EntryDigest.newSha256();
        long cutoff = now;
        long[] expired = new long[2];
        long[] soonest = {Long.MAX_VALUE};
        long startedMillis = clock.millis();
        ScopeDigest a = digest(source, scope, cutoff, sha, expired, 0, soonest);
        ScopeDigest b = digest(store, scope, cutoff, sha, expired, 1, soonest);
        // A side that drops entries as they expire (Redis, Workers KV) no longer holds those that
        // expired after the cutoff but before it was read, while the other side still counts them:
        // a false difference. When an entry expires that soon, compare once more leaving out, on
        // both sides, every entry that expires before this second comparison can have ended (twice
        // the first one's time ahead): they are expired by the time the answer is given.
        long tookSeconds = (clock.millis() - startedMillis + 999) / 1000;
        long later = clock.instant().getEpochSecond() + 2 * tookSeconds + 1;
        if (!a.equals(b) && soonest[0] <= later) {
            cutoff = later;
            expired = new long[2];
            a = digest(source, scope, cutoff, sha, expired, 0, soonest);
            b = digest(store, scope, cutoff, sha, expired, 1, soonest);
        }
        if (a.equals(b)) {
            return new ScopeVerification(scope, a, b, expired[0], expired[1], List.of(), 0, List.of());
        }
        List<Integer> buckets = a.differingBuckets(b);
        boolean[] inBucket = new boolean[ScopeDigest.BUCKETS];
        buckets.forEach(i -> inBucket[i] = true);
        Predicate<Entry> differing = e -> inBucket[ScopeDigest.bucketOf(e.key())];
        long differences = 0;
        List<KeyDetail> shown = new ArrayList<>();
        try (MergeJoin join = new MergeJoin(
                new FilteringCursor<>(source.entries(scope, Checkpoint.START), differing),
                new FilteringCursor<>(store.entries(scope, Checkpoint.START), differing),
                cutoff)) {
            while (join.next()) {
                KeyChange c = join.current();
                if (c.kind() == ChangeKind.UNCHANGED) {
                    continue;
                }
                differences++;
                if (shown.size() < show) {
                    shown.add(KeyDetail.of(c));
                }
            }
        }
        return new ScopeVerification(scope, a, b, expired[0], expired[1], buckets, differences, shown);
    }

    /** One side's digest of the entries unexpired at {@code now}; the soonest later expiry into {@code soonest[0]}. */
    private static ScopeDigest digest(
            Source side, Scope scope, long now, MessageDigest sha, long[] expired, int i, long[] soonest)
            throws IOException {
        ScopeDigest.Accumulator acc = ScopeDigest.accumulator();
        try (Cursor<Entry> c = side.entries(scope, Checkpoint.START)) {
            while (c.next()) {
                Entry e = c.current();
                if (e.expiredAt(now)) {
                    expired[i]++;
                } else {
                    acc.add(e.key(), EntryDigest.of(e, sha));
                    if (e.expiration() != null) {
                        soonest[0] = Math.min(soonest[0], e.expiration());
                    }
                }
            }
        }
        return acc.toDigest();
    }
}
