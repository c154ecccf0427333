package dev.landfall.core.bundle;

import dev.landfall.core.cursor.AbstractCursor;
import dev.landfall.core.model.Entry;
import dev.landfall.core.model.Key;
import dev.landfall.core.model.Scope;
import dev.landfall.core.spi.Checkpoint;
import dev.landfall.core.spi.Cursor;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Puts entries that arrive in any order into key order with bounded memory: entries are held up
 * to a byte budget, sorted and spilled to run files in a temporary directory, and the runs are
 * merged while reading. When a key arrives more than once, the last one wins, as in {@code
 * wrangler kv bulk put}. Files are deleted on close.
 */
final class EntrySorter implements Closeable {
    /** Per-entry bookkeeping beside its bytes, so the budget also bounds many tiny entries. */
    private static final int OVERHEAD = 96;

    private final Scope scope;
    private final long budget;
    private final Path tempParent;
    private final List<Sequenced> held = new ArrayList<>();
    private final List<Path> runs = new ArrayList<>();
    private Path tempDir;
    private long heldBytes;
    private long sequence;

    private record Sequenced(Entry entry, long sequence) {}

    private static final Comparator<Sequenced> ORDER =
            Comparator.<Sequenced, Key>comparing(s -> s.entry().key()).thenComparingLong(Sequenced::sequence);

    EntrySorter(Scope scope, long budgetBytes, Path tempParent) {
        this.scope = scope;
        this.budget = budgetBytes;
        this.tempParent = tempParent;
    }

    void add(Entry e) throws IOException {
        held.add(new Sequenced(e, sequence++));
        heldBytes += OVERHEAD
                + e.key().size()
                + e.value().length
                + (e.metadataJson() == null ? 0 : 2L * e.metadataJson().length());
        if (heldBytes >= budget) {
            spill();
        }
    }

    /** Whether everything fitted in memory (no run file was written). */
    boolean inMemory() {
        return runs.isEmpty();
    }

    /** The entries in key order, the last of equal keys only, after the checkpoint's key. */
    Cursor<Entry> sorted(Checkpoint after) throws IOException {
        List<RunReader> readers = new ArrayList<>();
        held.sort(ORDER);
        readers.add(new MemoryRun(held));
        for (Path run : runs) {
            readers.add(new FileRun(run, scope));
        }
        return new Merge(readers, after.last().orElse(null));
    }

    private void spill() throws IOException {
        if (tempDir == null) {
            tempDir = Files.createTempDirectory(tempParent, "landfall-sort-");
        }
        held.sort(ORDER);
        Path run = tempDir.resolve("run-" + runs.size());
        try (DataOutputStream out =
                new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(run), 1 << 16))) {
            for (Sequenced s : held) {
                write(out, s);
            }
        }
        runs.add(run);
        held.clear();
        heldBytes = 0;
    }

    private static void write(DataOutputStream out, Sequenced s) throws IOException {
        Entry e = s.entry();
        out.writeLong(s.sequence());
        out.writeInt(e.key().size());
        out.write(e.key().bytes());
        out.writeInt(e.value().length);
        out.write(e.value());
        byte[] meta = e.metadataJson() == null ? null : e.metadataJson().getBytes(StandardCharsets.UTF_8);
        out.writeInt(meta == null ? -1 : meta.length);
        if (meta != null) {
            out.write(meta);
        }
        out.writeBoolean(e.expiration() != null);
        if (e.expiration() != null) {
            out.writeLong(e.expiration());
        }
    }

    @Override
    public void close() throws IOException {
        held.clear();
        for (Path run : runs) {
            Files.deleteIfExists(run);
        }
        runs.clear();
        if (tempDir != null) {
            Files.deleteIfExists(tempDir);
            tempDir = null;
        }
    }

    private interface RunReader extends Closeable {
        /** The next entry, or null at the end. */
        Sequenced next() throws IOException;
    }

    private static final class MemoryRun implements RunReader {
        private final List<Sequenced> list;
        private int i;

        MemoryRun(List<Sequenced> list) {
            this.list = list;
        }

        @Override
        public Sequenced next() {
            return i < list.size() ? list.get(i++) : null;
        }

        @Override
        public void close() {}
    }

    private static final class FileRun implements RunReader {
        private final DataInputStream in;
        private final Scope scope;

        FileRun(Path file, Scope scope) throws IOException {
            this.in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16));
            this.scope = scope;
        }

        @Override
        public Sequenced next() throws IOException {
            long seq;
            try {
                seq = in.readLong();
            } catch (EOFException end) {
                return null;
            }
            byte[] key = in.readNBytes(in.readInt());
            byte[] value = in.readNBytes(in.readInt());
            int metaLength = in.readInt();
            String meta = metaLength < 0 ? null : new String(in.readNBytes(metaLength), StandardCharsets.UTF_8);
            Long expiration = in.readBoolean() ? in.readLong() : null;
            return new Sequenced(new Entry(scope, Key.ofBytes(key), value, meta, expiration), seq);
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }

    /** A k-way merge of sorted runs that keeps the last-arrived entry of each key. */
    private static final class Merge extends AbstractCursor<Entry> {
        private record Head(Sequenced item, RunReader run) {}

        private final List<RunReader> readers;
        private final PriorityQueue<Head> heads = new PriorityQueue<>((a, b) -> ORDER.compare(a.item(), b.item()));
        private final Key after;

        Merge(List<RunReader> readers, Key after) throws IOException {
            super(after == null ? Checkpoint.START : Checkpoint.after(after));
            this.readers = readers;
            this.after = after;
            for (RunReader r : readers) {
                advance(r);
            }
        }

        private void advance(RunReader r) throws IOException {
            Sequenced s = r.next();
            if (s != null) {
                heads.add(new Head(s, r));
            }
        }

        @Override
        public boolean next() throws IOException {
            while (!isClosed() && !heads.isEmpty()) {
                Head h = heads.poll();
                advance(h.run());
                Sequenced latest = h.item();
                // Equal keys come out in arrival order; the last one wins.
                while (!heads.isEmpty()
                        && heads.peek()
                                .item()
                                .entry()
                                .key()
                                .equals(latest.entry().key())) {
                    Head same = heads.poll();
                    advance(same.run());
                    latest = same.item();
                }
                Entry e = latest.entry();
                if (after != null && e.key().compareTo(after) <= 0) {
                    continue;
                }
                return deliver(e, Checkpoint.after(e.key()));
            }
            return end();
        }

        @Override
        protected void onClose() throws IOException {
            for (RunReader r : readers) {
                r.close();
            }
        }
    }
}
