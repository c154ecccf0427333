package dev.landfall.sandbox.internal;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * One shard of the change log (docs/export-worker-protocol.md §7), as {@code change-log.mjs} holds
 * it in its Durable Object: pending changes in {@code seq} order, one per {@code (binding, key)},
 * bounded by {@code capacity}, with an epoch that changes on reset. Every method holds the shard's
 * lock, which is what a Durable Object's single thread gives the real one.
 */
public final class ChangeShard {
    /** What a change did to its key. */
    public enum Op {
        PUT,
        DELETE,
        /** A Durable Object's storage changed: the key is the object's id (do-capture.mjs). */
        OBJECT;

        /** The name the protocol uses: the constant's name in lower case. */
        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * One pending change.
     *
     * @param time the shard's clock at recording, epoch milliseconds
     * @param expiration the absolute expiry the put set, epoch seconds, or null
     */
    public record Change(long seq, String binding, String key, Op op, long time, Long expiration) {}

    /** {@code dropped} changes not recorded since the last reset, and when the first and last were. */
    public record Overflow(long dropped, long first, long last) {}

    /** The shard's state as {@code read} and {@code reset} answer it. */
    public record Status(
            int shard,
            String epoch,
            long since,
            long now,
            long head,
            int pending,
            int capacity,
            Overflow overflow,
            List<Integer> writerShards) {}

    /**
     * One page of {@code read}.
     *
     * @param next the seq of the page's last change when more follow, else null
     */
    public record Page(Status status, List<Change> changes, Long next) {}

    /** The answer of {@code trim}; {@code matched} is false when the epoch was another, and then nothing was trimmed. */
    public record Trim(boolean matched, int trimmed, int pending) {}

    private record PendingKey(String binding, String key) {}

    private final int index;
    private final int capacity;
    private final Clock clock;
    private final Supplier<String> epochs;
    private final Consumer<String> warnings;
    private final NavigableMap<Long, Change> bySeq = new TreeMap<>();
    private final Map<PendingKey, Long> seqOf = new HashMap<>();
    private final SortedSet<Integer> writerShards = new TreeSet<>();
    private String epoch;
    private long since;
    private long head;
    private Overflow overflow;
    // True from a drop until the shard has room again: one warning per episode, not per drop.
    private boolean overflowing;

    ChangeShard(int index, int capacity, Clock clock, Supplier<String> epochs, Consumer<String> warnings) {
        this.index = index;
        this.capacity = capacity;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.epochs = Objects.requireNonNull(epochs, "epochs");
        this.warnings = Objects.requireNonNull(warnings, "warnings");
        this.epoch = epochs.get();
        this.since = clock.millis();
    }

    /**
     * Records a change, then runs {@code write}, both under the shard's lock, so that no reader sees
     * the change before its write is made (the sandbox's consistency window is 0). A change that
     * would overflow the shard is counted instead of recorded, and the write is still made.
     *
     * @param writerShards the shard count the writing Worker was configured with
     * @return whether the change was recorded
     */
    synchronized boolean record(String binding, String key, Op op, Long expiration, int writerShards, Runnable write) {
        PendingKey pk = new PendingKey(binding, key);
        Long older = seqOf.get(pk);
        long now = clock.millis();
        boolean recorded = older != null || bySeq.size() < capacity;
        if (recorded) {
            if (older != null) {
                bySeq.remove(older);
            } else {
                warnIfFilling(bySeq.size(), bySeq.size() + 1);
            }
            head++;
            bySeq.put(head, new Change(head, binding, key, op, now, expiration));
            seqOf.put(pk, head);
            this.writerShards.add(writerShards);
        } else {
            drop(binding, key, now);
        }
        write.run();
        return recorded;
    }

    /**
     * As change-log.mjs: once as the shard passes half of its capacity and once at nine tenths, it
     * says that nobody seems to drain it, while there is still time.
     */
    private void warnIfFilling(int before, int after) {
        for (int tenths : new int[] {5, 9}) {
            int mark = (int) Math.ceil(capacity * tenths / 10.0);
            if (before < mark && after >= mark) {
                warnings.accept("landfall sandbox: change log shard " + index + " holds " + after + " of " + capacity
                        + " pending changes: is the follower running (landfall migrate --follow)? When full it drops"
                        + " changes, and the migration must start again.");
            }
        }
    }

    private void drop(String binding, String key, long now) {
        overflow = overflow == null
                ? new Overflow(1, now, now)
                : new Overflow(overflow.dropped() + 1, overflow.first(), now);
        if (!overflowing) {
            overflowing = true;
            warnings.accept("landfall sandbox: CHANGE LOG OVERFLOW: shard " + index + " holds " + capacity
                    + " pending changes (its capacity), so the change of " + binding + " key '" + key
                    + "' and any further new key are NOT recorded (their writes are made). A follower cannot"
                    + " bring a store up to date from this log until a new run resets it: drain it faster,"
                    + " or raise --capture-capacity.");
        }
    }

    /** The pending changes with {@code seq > after}, at most {@code limit}, in seq order. */
    synchronized Page read(long after, int limit) {
        List<Change> page = new ArrayList<>(Math.min(limit, bySeq.size()));
        Long next = null;
        for (Change c : bySeq.tailMap(after, false).values()) {
            if (page.size() == limit) {
                next = page.get(page.size() - 1).seq();
                break;
            }
            page.add(c);
        }
        return new Page(status(), page, next);
    }

    /** Removes the changes with {@code seq <= through} if {@code epoch} is the shard's. */
    synchronized Trim trim(String epoch, long through) {
        if (!this.epoch.equals(epoch)) {
            return new Trim(false, 0, bySeq.size());
        }
        NavigableMap<Long, Change> done = bySeq.headMap(through, true);
        int trimmed = done.size();
        for (Change c : done.values()) {
            seqOf.remove(new PendingKey(c.binding(), c.key()));
        }
        done.clear();
        if (bySeq.size() < capacity) {
            overflowing = false;
        }
        return new Trim(true, trimmed, bySeq.size());
    }

    /** A new epoch and {@code since}, no overflow; pending changes and their seqs stay. */
    synchronized Status reset() {
        epoch = epochs.get();
        since = clock.millis();
        overflow = null;
        overflowing = false;
        return status();
    }

    /** The shard's state now. */
    public synchronized Status status() {
        return new Status(
                index, epoch, since, clock.millis(), head, bySeq.size(), capacity, overflow, List.copyOf(writerShards));
    }
}
