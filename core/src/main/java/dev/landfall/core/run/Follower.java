package dev.landfall.core.run;

import dev.landfall.core.checkpoint.FollowJournal;
import dev.landfall.core.checkpoint.FollowJournal.Position;
import dev.landfall.core.diff.KeyChange;
import dev.landfall.core.diff.MergeJoin;
import dev.landfall.core.error.LandfallException;
import dev.landfall.core.live.Change;
import dev.landfall.core.live.ChangeLog;
import dev.landfall.core.live.ChangePage;
import dev.landfall.core.live.ShardState;
import dev.landfall.core.model.Entry;
import dev.landfall.core.model.Scope;
import dev.landfall.core.spi.Checkpoint;
import dev.landfall.core.spi.Committable;
import dev.landfall.core.spi.ScopeWriter;
import dev.landfall.core.spi.Sink;
import dev.landfall.core.spi.Source;
import dev.landfall.core.spi.WriteMode;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;

/**
 * Applies a change log to a store, round after round: read each shard after its committed
 * position, take the changes whose consistency window has passed (by the log's clock), re-read
 * those keys from the source, write what they hold now (or delete what is gone), flush, journal the
 * new positions, then trim the log up to them. Re-reading makes a change idempotent: applying it
 * again, after a crash between the store's commit and the journal's, writes the same state again.
 *
 * <p>A Durable Object's change names the object, not a key: its scopes are re-read whole and
 * merged with the store's, so the store ends equal to the object whatever was written.
 *
 * <p>Every shard is checked on every read: a changed epoch (the log was reset or recreated since
 * the run began), an overflow (changes were dropped) or a capturing Worker with another shard count
 * stop the follower, because a store brought up to date from such a log would silently differ.
 */
public final class Follower {
    private static final int CURRENT_PER_CALL = 100;
    private static final long LONGEST_WAIT_MILLIS = 5_000;

    private final ChangeLog log;
    private final Sink store;
    private final Source stored;
    private final FollowJournal journal;
    private final FollowOptions options;
    private final Clock clock;
    private final FollowListener listener;
    private long appliedTotal;

    /** A follower of a log that records no Durable Object changes. */
    public Follower(
            ChangeLog log,
            Sink store,
            FollowJournal journal,
            FollowOptions options,
            Clock clock,
            FollowListener listener) {
        this(log, store, null, journal, options, clock, listener);
    }

    /**
     * @param stored the store read as a source, to mirror the objects a change names; null when
     *     the log records no object changes
     */
    public Follower(
            ChangeLog log,
            Sink store,
            Source stored,
            FollowJournal journal,
            FollowOptions options,
            Clock clock,
            FollowListener listener) {
        this.log = Objects.requireNonNull(log, "log");
        this.store = Objects.requireNonNull(store, "store");
        this.stored = stored;
        this.journal = Objects.requireNonNull(journal, "journal");
        this.options = Objects.requireNonNull(options, "options");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.listener = Objects.requireNonNull(listener, "listener");
        if (journal.start().isEmpty()) {
            throw new IllegalStateException("the follow journal " + journal.file() + " has not begun");
        }
    }

    /**
     * Follows until {@code stop} says so (checked after every round), or, when draining, until
     * every change recorded before the drain began is applied (with writes going on, later ones
     * keep coming; with writes frozen, that is every change).
     *
     * @return changes applied, and whether it ended because it was asked to stop
     */
    public FollowResult follow(BooleanSupplier stop) throws IOException {
        long rounds = 0;
        while (true) {
            Round r = round();
            rounds++;
            listener.round(r.progress());
            if (stop.getAsBoolean()) {
                return new FollowResult(appliedTotal, rounds, true);
            }
            if (r.progress().passedNow() > 0) {
                continue;
            }
            if (options.drain() && rounds > 1 && !r.behindDrainPoint()) {
                return new FollowResult(appliedTotal, rounds, false);
            }
            if (pause(r.readyInMillis(), stop)) {
                return new FollowResult(appliedTotal, rounds, true);
            }
        }
    }

    /**
     * What a round did, how long until the next change becomes ready (-1: none waits), and
     * whether a change recorded before the drain began is still to be applied.
     */
    private record Round(FollowProgress progress, long readyInMillis, boolean behindDrainPoint) {}

    /** The log's time when draining began (the first round's latest shard clock); -1 before. */
    private long drainPoint = -1;

    private Round round() throws IOException {
        FollowJournal.Start start = journal.start().orElseThrow();
        Map<Integer, Position> at = journal.positions();
        Map<Integer, Position> advanced = new TreeMap<>();
        Map<Scope, List<Change>> byScope = new LinkedHashMap<>();
        List<Change> objects = new ArrayList<>();
        List<Change> applied = new ArrayList<>();
        Map<Integer, Long> readAtLocal = new TreeMap<>();
        Map<Integer, Long> readAtLog = new TreeMap<>();
        long lagChanges = 0;
        long waiting = 0;
        long passed = 0;
        long oldestWaitingMillis = Long.MAX_VALUE;
        long readyIn = -1;
        long latestNow = 0;
        boolean behind = false;
        for (int shard = 0; shard < start.shards(); shard++) {
            Position p = at.get(shard);
            if (p == null) {
                throw LandfallException.failed(
                        journal.file() + " has no position for change-log shard " + shard,
                        "the journal was changed by hand; start a new run");
            }
            long localRead = clock.millis();
            ChangePage page = log.read(shard, p.seq(), options.readLimit());
            ShardState s = page.state();
            check(s, p, start);
            readAtLocal.put(shard, localRead);
            readAtLog.put(shard, s.nowMillis());
            latestNow = Math.max(latestNow, s.nowMillis());
            long readyUntil = s.nowMillis() - options.window().toMillis();
            long last = p.seq();
            int ready = 0;
            for (Change c : page.changes()) {
                if (c.timeMillis() > readyUntil) {
                    long in = c.timeMillis() - readyUntil;
                    readyIn = readyIn < 0 ? in : Math.min(readyIn, in);
                    oldestWaitingMillis = Math.min(oldestWaitingMillis, s.nowMillis() - c.timeMillis());
                    break;
                }
                ready++;
                last = c.seq();
                if (c.inScope().isPresent() && c.op() == Change.Op.OBJECT) {
                    objects.add(c);
                } else if (c.inScope().isPresent()) {
                    byScope.computeIfAbsent(c.scope(), k -> new ArrayList<>()).add(c);
                }
            }
            waiting += page.changes().size() - ready;
            passed += ready;
            behind |= page.next().isPresent()
                    || (ready < page.changes().size()
                            && page.changes().get(ready).timeMillis() <= drainPoint);
            // Changes beyond this page are counted from the shard's total, which may still hold
            // applied changes a failed trim left: an estimate only then.
            lagChanges += page.changes().size()
                    - ready
                    + (page.next().isPresent()
                            ? Math.max(0, s.pending() - page.changes().size())
                            : 0);
            if (last != p.seq()) {
                advanced.put(shard, new Position(p.epoch(), last));
            }
        }
        for (Map.Entry<Scope, List<Change>> e : byScope.entrySet()) {
            apply(e.getKey(), e.getValue());
            applied.addAll(e.getValue());
        }
        for (Change c : objects) {
            for (Scope scope : log.objectScopes(c)) {
                mirror(scope);
            }
            applied.add(c);
        }
        if (store instanceof Committable c && !applied.isEmpty()) {
            c.commit();
        }
        journal.commit(advanced);
        long now = clock.millis();
        for (Change c : applied) {
            long logNow = readAtLog.get(c.shard()) + (now - readAtLocal.get(c.shard()));
            listener.applied(c, Math.max(0, logNow - c.timeMillis()));
        }
        for (Map.Entry<Integer, Position> e : advanced.entrySet()) {
            try {
                log.trim(e.getKey(), e.getValue().epoch(), e.getValue().seq());
            } catch (IOException | LandfallException failure) {
                // The next round's read shows whether the log was reset; a failed trim alone loses nothing.
                listener.trimFailed(e.getKey(), failure);
            }
        }
        appliedTotal += applied.size();
        boolean firstRound = drainPoint < 0;
        if (firstRound) {
            drainPoint = latestNow;
        }
        double lagSeconds = oldestWaitingMillis == Long.MAX_VALUE ? 0 : oldestWaitingMillis / 1000.0;
        return new Round(
                new FollowProgress(appliedTotal, passed, lagChanges, lagSeconds, waiting, positionText()),
                readyIn,
                behind || firstRound);
    }

    private String positionText() {
        StringBuilder b = new StringBuilder();
        journal.positions().entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .forEach(e -> b.append(b.length() == 0 ? "" : " ")
                        .append(e.getKey())
                        .append(':')
                        .append(e.getValue().seq()));
        return b.toString();
    }

    private void apply(Scope scope, List<Change> changes) throws IOException {
        long nowSeconds = clock.instant().getEpochSecond();
        try (ScopeWriter w = store.open(scope, WriteMode.MIRROR)) {
            for (int i = 0; i < changes.size(); i += CURRENT_PER_CALL) {
                List<Change> part = changes.subList(i, Math.min(changes.size(), i + CURRENT_PER_CALL));
                List<Optional<Entry>> current = log.current(scope, part);
                for (int j = 0; j < part.size(); j++) {
                    Optional<Entry> e = current.get(j);
                    if (e.isPresent() && !e.get().expiredAt(nowSeconds)) {
                        w.put(e.get());
                    } else {
                        w.delete(part.get(j).key());
                    }
                }
            }
            w.flush();
        }
    }

    /**
     * Brings one scope of a changed object in line with the source: the object re-read whole,
     * merged with what the store holds, only the differences written.
     */
    private void mirror(Scope scope) throws IOException {
        if (stored == null) {
            throw new IllegalStateException("a Durable Object change needs the store read as a source");
        }
        try (ScopeWriter w = store.open(scope, WriteMode.MIRROR);
                MergeJoin join = new MergeJoin(
                        log.entries(scope),
                        stored.entries(scope, Checkpoint.START),
                        clock.instant().getEpochSecond())) {
            while (join.next()) {
                KeyChange k = join.current();
                switch (k.kind()) {
                    case CREATE, UPDATE -> w.put(k.after());
                    case DELETE -> w.delete(k.key());
                    default -> {}
                }
            }
            w.flush();
        }
    }

    private void check(ShardState s, Position p, FollowJournal.Start start) {
        if (!s.epoch().equals(p.epoch())) {
            boolean later = s.sinceMillis() > start.startedAtMillis();
            throw LandfallException.failed(
                    "change-log shard " + s.shard() + " of " + log.describe()
                            + (later
                                    ? " began at " + Instant.ofEpochMilli(s.sinceMillis())
                                            + ", after this run began at "
                                            + Instant.ofEpochMilli(start.startedAtMillis())
                                            + " (capture was turned on or reset since)"
                                    : " has another epoch than when this run began (it was reset or recreated)")
                            + ": writes made in between may not have been captured",
                    "the store cannot be brought up to date from this log; start a new run with --follow");
        }
        if (s.overflowed().isPresent()) {
            var o = s.overflowed().get();
            throw LandfallException.failed(
                    "change-log shard " + s.shard() + " of " + log.describe() + " overflowed: " + o.dropped()
                            + " change(s) were not recorded between " + Instant.ofEpochMilli(o.firstMillis()) + " and "
                            + Instant.ofEpochMilli(o.lastMillis()) + " (capacity " + s.capacity() + ")",
                    "the store cannot be brought up to date from this log; raise LANDFALL_CAPTURE_CAPACITY or follow"
                            + " sooner, and start a new run with --follow (it resets the log)");
        }
        for (int n : s.writerShards()) {
            if (n != start.shards()) {
                throw LandfallException.usage(
                        "a capturing Worker writes change-log shard " + s.shard() + " of " + log.describe()
                                + " configured with " + n + " shard(s), but the log has " + start.shards()
                                + ": its changes go to shards no follower reads",
                        "set LANDFALL_CAPTURE_SHARDS=" + start.shards()
                                + " in every captured Worker, deploy, and start a new run with --follow");
            }
        }
    }

    /**
     * Waits until the next change becomes ready, or, when none waits, for up to the consistency
     * window: a change recorded meanwhile cannot be ready before the window has passed, so reading
     * the shards less often when idle costs no lag (and an idle log costs a Worker invocation per
     * shard every few seconds, not every poll). Never longer than {@value #LONGEST_WAIT_MILLIS}
     * ms, so lag figures stay fresh; stop is checked every poll.
     *
     * @return whether stop said so during the wait
     */
    private boolean pause(long readyInMillis, BooleanSupplier stop) throws IOException {
        long poll = options.poll().toMillis();
        long longest = Math.max(poll, Math.min(options.window().toMillis(), LONGEST_WAIT_MILLIS));
        long wait = readyInMillis < 0 ? longest : Math.max(1, Math.min(longest, readyInMillis));
        long until = System.nanoTime() + wait * 1_000_000L;
        try {
            for (long left = wait; left > 0; left = (until - System.nanoTime()) / 1_000_000L) {
                Thread.sleep(Math.min(poll, left));
                if (stop.getAsBoolean()) {
                    return true;
                }
            }
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while following " + log.describe());
        }
    }
}
