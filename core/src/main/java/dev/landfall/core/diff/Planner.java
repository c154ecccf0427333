package dev.landfall.core.diff;

import dev.landfall.core.cursor.PrefetchingCursor;
import dev.landfall.core.model.Scope;
import dev.landfall.core.spi.Checkpoint;
import dev.landfall.core.spi.Cursor;
import dev.landfall.core.spi.Source;
import dev.landfall.core.spi.WriteMode;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Makes a {@link Plan}: a merge-join of every selected source scope with the same scope of the
 * store, counted with the same {@link ChangeTally} an import uses, keeping the first changed keys
 * for display. Reads only; memory is the kept keys plus one entry per side.
 */
public final class Planner {
    /** Hears progress; called on the planning thread. */
    public interface Listener {
        Listener NONE = new Listener() {};

        default void scopeStarted(Scope scope) {}

        default void keyCompared(Scope scope, KeyChange change) {}

        default void scopeFinished(ScopePlan plan) {}
    }

    private final Source source;
    private final Source store;
    private final WriteMode mode;
    private final int show;
    private final Clock clock;
    private final Listener listener;

    /**
     * @param store the store, read as a source
     * @param show how many changed keys to keep per scope
     */
    public Planner(Source source, Source store, WriteMode mode, int show, Clock clock, Listener listener) {
        this.source = Objects.requireNonNull(source, "source");
        this.store = Objects.requireNonNull(store, "store");
        this.mode = Objects.requireNonNull(mode, "mode");
        if (show < 0) {
            throw new IllegalArgumentException("show must be 0 or more");
        }
        this.show = show;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /** Plans every scope the predicate selects. */
    public Plan plan(Predicate<Scope> selected) throws IOException {
        Instant at = clock.instant();
        List<ScopePlan> scopes = new ArrayList<>();
        try (Cursor<Scope> all = source.scopes()) {
            while (all.next()) {
                Scope scope = all.current();
                if (selected.test(scope)) {
                    scopes.add(planScope(scope, at.getEpochSecond()));
                }
            }
        }
        return new Plan(source.describe(), store.describe(), mode, at, scopes);
    }

    private ScopePlan planScope(Scope scope, long now) throws IOException {
        listener.scopeStarted(scope);
        ChangeTally tally = new ChangeTally(mode);
        List<KeyDetail> shown = new ArrayList<>();
        long expiredInSource;
        long expiredInStore;
        try (MergeJoin join =
                // Source and store are separate objects here: both are read ahead on threads of their own.
                new MergeJoin(
                        new PrefetchingCursor(source.entries(scope, Checkpoint.START)),
                        new PrefetchingCursor(store.entries(scope, Checkpoint.START)),
                        now)) {
            while (join.next()) {
                KeyChange change = join.current();
                boolean alters = tally.alters(change);
                tally.take(change);
                if (alters && shown.size() < show) {
                    shown.add(KeyDetail.of(change));
                }
                listener.keyCompared(scope, change);
            }
            expiredInSource = join.expiredInSource();
            expiredInStore = join.expiredInStore();
        }
        ScopePlan plan = new ScopePlan(scope, tally.counts(expiredInSource), shown, expiredInStore);
        listener.scopeFinished(plan);
        return plan;
    }
}
