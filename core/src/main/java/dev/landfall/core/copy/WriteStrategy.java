package dev.landfall.core.copy;

import dev.landfall.core.cursor.MappingCursor;
import dev.landfall.core.cursor.PrefetchingCursor;
import dev.landfall.core.diff.ChangeKind;
import dev.landfall.core.diff.KeyChange;
import dev.landfall.core.diff.KeyChanges;
import dev.landfall.core.diff.MergeJoin;
import dev.landfall.core.model.Entry;
import dev.landfall.core.model.Scope;
import dev.landfall.core.spi.Checkpoint;
import dev.landfall.core.spi.Cursor;
import dev.landfall.core.spi.Source;
import java.io.IOException;
import java.time.Clock;
import java.util.Objects;

/**
 * How the {@link Copier} decides what to write for each source key: every unexpired entry (into a
 * bundle being exported, which holds nothing yet that could be compared), or only what differs
 * from what the store holds (an import, where a second run over the same data writes nothing).
 */
public interface WriteStrategy {
    /**
     * Wraps the source's cursor of one scope; called before the sink's writer is opened, so a
     * source that cannot be read leaves the sink untouched.
     */
    Cursor<Entry> read(Cursor<Entry> source);

    /**
     * The changes for one scope, opened after the sink's writer (a store may create the scope's
     * table when its writer opens).
     *
     * @param source what {@link #read} returned
     * @param after the checkpoint the source was opened after
     * @param clock judges expiry
     */
    KeyChanges changes(Cursor<Entry> source, Scope scope, Checkpoint after, Clock clock) throws IOException;

    /** Every unexpired source entry is written, as a creation. */
    static WriteStrategy allEntries() {
        return new WriteStrategy() {
            @Override
            public Cursor<Entry> read(Cursor<Entry> source) {
                return source;
            }

            @Override
            public KeyChanges changes(Cursor<Entry> source, Scope scope, Checkpoint after, Clock clock) {
                return new AllEntries(source, clock);
            }
        };
    }

    /**
     * Only changes against what {@code current} holds are written: a merge-join of the two in key
     * order. The source is read ahead on a thread of its own, so decoding it overlaps with
     * writing; {@code current}'s cursor is not, since it usually shares the writer's connection.
     *
     * @param current the sink's own content, read as a source
     */
    static WriteStrategy changesAgainst(Source current) {
        Objects.requireNonNull(current, "current");
        return new WriteStrategy() {
            @Override
            public Cursor<Entry> read(Cursor<Entry> source) {
                // One read ahead already running (FirstScopeReadAhead) needs no second thread behind it.
                return source instanceof PrefetchingCursor ? source : new PrefetchingCursor(source);
            }

            @Override
            public KeyChanges changes(Cursor<Entry> source, Scope scope, Checkpoint after, Clock clock)
                    throws IOException {
                // Store keys at or before the source checkpoint's key were settled by the run that
                // journaled it.
                Checkpoint storeAfter = after.last().map(Checkpoint::after).orElse(Checkpoint.START);
                return new MergeJoin(
                        source,
                        current.entries(scope, storeAfter),
                        clock.instant().getEpochSecond());
            }
        };
    }

    /** Every unexpired entry as a creation; expired ones counted and passed over. */
    final class AllEntries extends MappingCursor<Entry, KeyChange> implements KeyChanges {
        private final Clock clock;
        private long expired;

        AllEntries(Cursor<Entry> source, Clock clock) {
            super(source);
            this.clock = clock;
        }

        @Override
        protected KeyChange map(Entry e) {
            // Judged per entry: an export can take hours.
            if (e.expiredAt(clock.instant().getEpochSecond())) {
                expired++;
                return null;
            }
            return new KeyChange(ChangeKind.CREATE, e.key(), null, e);
        }

        @Override
        public long expiredInSource() {
            return expired;
        }
    }
}
