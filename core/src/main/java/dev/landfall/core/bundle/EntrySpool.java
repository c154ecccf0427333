package dev.landfall.core.bundle;

import dev.landfall.core.bundle.BundleManifest.PartRecord;
import dev.landfall.core.bundle.BundleManifest.ScopeRecord;
import dev.landfall.core.model.Entry;
import dev.landfall.core.model.Key;
import dev.landfall.core.spi.Cursor;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The decoded entries of the scopes a check read through, kept in temporary files so that the copy
 * that follows reads them back instead of inflating and parsing the bundle a second time (half of
 * an import's work, measured). What the check verified is what the copy gets: the files are this
 * process's own, unlinked as soon as they are created (nothing is left behind, even by a killed
 * process), and read back only for scopes whose every part was spooled whole.
 *
 * <p>Spooling is an optimisation, never a condition: when the spool would take more than its budget
 * (half the free space of its directory when first used) or a write fails (a full disk), the parts
 * not spooled are read from the bundle again, checked as before. Each checking thread writes a
 * part at a time to a file no other thread writes meanwhile; memory is one buffer per file.
 */
final class EntrySpool implements Closeable {
    /** A part's entries in one of the files. */
    record Region(SpoolFile file, long start, long end) {}

    private final Path dir;
    private final long budget;
    private final AtomicLong used = new AtomicLong();
    private final ConcurrentLinkedQueue<SpoolFile> idle = new ConcurrentLinkedQueue<>();
    private final List<SpoolFile> files = new ArrayList<>();
    private final Map<ScopeRecord, Region[]> scopes = new ConcurrentHashMap<>();
    private volatile boolean full;
    private boolean closed;

    /** @param budget bytes the files may hold in all */
    EntrySpool(Path dir, long budget) {
        this.dir = dir;
        this.budget = budget;
    }

    /** A spool in the JVM's temporary directory ({@code java.io.tmpdir}), with half its free space. */
    static EntrySpool inTempDir() {
        Path dir = Path.of(System.getProperty("java.io.tmpdir"));
        long free;
        try {
            free = Files.getFileStore(dir).getUsableSpace();
        } catch (IOException | RuntimeException e) {
            free = 0; // no spool: the copy reads the bundle again, as without one
        }
        return new EntrySpool(dir, free / 2);
    }

    /**
     * The writer of one part of a scope, for the calling thread; {@link PartWriter#close()} it when
     * done. It spools nothing once the spool is full.
     */
    PartWriter part(ScopeRecord scope, int index) {
        Region[] regions =
                scopes.computeIfAbsent(scope, s -> new Region[s.parts().size()]);
        if (full) {
            return new PartWriter(null, regions, index);
        }
        SpoolFile file = idle.poll();
        if (file == null) {
            try {
                file = open();
            } catch (IOException e) {
                full = true;
                return new PartWriter(null, regions, index);
            }
        }
        return new PartWriter(file, regions, index);
    }

    private synchronized SpoolFile open() throws IOException {
        if (closed) {
            throw new IOException("the spool is closed");
        }
        SpoolFile f = SpoolFile.create(dir);
        files.add(f);
        return f;
    }

    /**
     * The spooled entries of a scope after a key (null: all), checked by a reader from the top when
     * they were spooled; null when some part of it was not spooled whole.
     */
    Cursor<Entry> cursor(ScopeRecord scope, Key after) {
        Region[] regions = scopes.get(scope);
        if (regions == null) {
            return null;
        }
        List<Region> wanted = new ArrayList<>();
        List<PartRecord> parts = scope.parts();
        for (int i = 0; i < regions.length; i++) {
            if (regions[i] == null) {
                return null;
            }
            if (after == null || parts.get(i).lastKey().compareTo(after) > 0) {
                wanted.add(regions[i]);
            }
        }
        return new SpoolCursor(scope.scope(), wanted, after);
    }

    /** Releases the files (already unlinked) and their space. */
    @Override
    public synchronized void close() throws IOException {
        closed = true;
        IOException failure = null;
        for (SpoolFile f : files) {
            try {
                f.close();
            } catch (IOException e) {
                failure = failure == null ? e : failure;
            }
        }
        files.clear();
        idle.clear();
        if (failure != null) {
            throw failure;
        }
    }

    /** Spools one part as it is read; records it only when every entry of it went in. */
    final class PartWriter implements Closeable {
        private final Region[] regions;
        private final int index;
        private final long start;
        private SpoolFile file;

        private PartWriter(SpoolFile file, Region[] regions, int index) {
            this.file = file;
            this.regions = regions;
            this.index = index;
            this.start = file == null ? 0 : file.end();
        }

        /** Spools the next entry of the part, unless spooling this part was given up. */
        void add(Entry e) {
            if (file == null) {
                return;
            }
            try {
                long written = file.append(e);
                if (written > 0 && used.addAndGet(written) > budget) {
                    full = true;
                    abandon();
                }
            } catch (IOException ex) {
                full = true; // a full disk, most likely: the copy reads the bundle instead
                abandon();
            }
        }

        /** The part was read whole and checked: its spooled entries may be read back. */
        void complete() {
            if (file == null) {
                return;
            }
            try {
                if (used.addAndGet(file.flush()) > budget) {
                    full = true;
                    abandon();
                    return;
                }
                regions[index] = new Region(file, start, file.end());
            } catch (IOException ex) {
                full = true;
                abandon();
            }
        }

        private void abandon() {
            SpoolFile f = file;
            file = null;
            if (f != null) {
                f.discardSince(start);
                idle.add(f);
            }
        }

        @Override
        public void close() {
            SpoolFile f = file;
            file = null;
            if (f != null) {
                if (regions[index] == null) {
                    f.discardSince(start); // the part failed its check: nobody reads it
                }
                idle.add(f);
            }
        }
    }
}
