package dev.landfall.core.bundle;

import dev.landfall.core.bundle.BundleManifest.PartRecord;
import dev.landfall.core.bundle.BundleManifest.ScopeRecord;
import dev.landfall.core.bundle.ManifestJson.Loaded;
import dev.landfall.core.bundle.ManifestJson.Pending;
import dev.landfall.core.digest.ScopeDigest;
import dev.landfall.core.error.LandfallException;
import dev.landfall.core.io.AtomicFile;
import dev.landfall.core.io.OwnerOnly;
import dev.landfall.core.model.Entry;
import dev.landfall.core.model.Key;
import dev.landfall.core.model.Scope;
import dev.landfall.core.spi.CheckableInParallel;
import dev.landfall.core.spi.CheckedAsRead;
import dev.landfall.core.spi.Checkpoint;
import dev.landfall.core.spi.Committable;
import dev.landfall.core.spi.Cursor;
import dev.landfall.core.spi.ScopeWriter;
import dev.landfall.core.spi.Store;
import dev.landfall.core.spi.WriteMode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * A bundle ({@code bundle:DIR}): a directory holding {@code manifest.json} and, per scope, gzip'd
 * NDJSON part files, specified in {@code docs/bundle-format.md}. It is a {@link Store}: a source
 * that reads what the manifest commits, verifying every part's SHA-256 and each fully read scope's
 * digest, and a sink written in strictly increasing key order.
 *
 * <p>Writing: {@link #open(Scope, WriteMode)} starts (or continues) the scope's next generation;
 * {@link ScopeWriter#flush()} seals the current part and records it in the scope's {@code
 * pending.json}, durably; {@link #close()} (or {@link #commit()}) carries over untouched committed
 * entries and writes the manifest, atomically, after which readers see the new generations. Until
 * then readers see the last committed state. A writer opened on a scope with a pending generation
 * (after a crash) continues it: entries below its first key are kept, later ones dropped, so
 * resuming after a journaled checkpoint duplicates nothing. The same holds for a second writer on
 * a scope before the store is closed; close the store in between to merge two independent passes.
 *
 * <p>One process writes a bundle at a time. Writers of different scopes may be used on different
 * threads at once (each writer from one thread); {@link #close()} is idempotent.
 */
public final class BundleStore implements Store, Committable, CheckableInParallel, CheckedAsRead {
    static final String SCOPES = "scopes";
    private static final Comparator<String> BY_UTF8 = Comparator.comparing(Key::of);

    private final Path dir;
    private final BundleOptions options;
    private final String label;
    private Loaded committed;
    private boolean manifestRead;
    private Map<String, Pending> pending;
    private final Map<String, BundleScopeWriter> writers = new HashMap<>();
    /** Scopes whose writer {@link #open} is creating, outside the lock. */
    private final Set<String> opening = new HashSet<>();
    /** Committed scopes {@link #checkScope} read through whole: their digests are not summed again. */
    private final Set<ScopeRecord> checked = ConcurrentHashMap.newKeySet();
    /** What {@link #checkScope} decoded, read back by {@link #entries}; made on the first check. */
    private EntrySpool spool;

    private boolean wrote;
    private volatile boolean closed;

    /** A bundle in the directory (created when first written), written with the given options. */
    public BundleStore(Path dir, BundleOptions options) {
        this.dir = Objects.requireNonNull(dir, "dir");
        this.options = Objects.requireNonNull(options, "options");
        this.label = "bundle:" + dir;
    }

    /** A bundle in the directory with {@link BundleOptions#defaults()}. */
    public static BundleStore open(Path dir) {
        return new BundleStore(dir, BundleOptions.defaults());
    }

    /** The bundle directory. */
    public Path directory() {
        return dir;
    }

    BundleOptions options() {
        return options;
    }

    /** The directory of a scope's parts, relative to the bundle: {@code scopes/<encoded id>/}. */
    static String scopeDirName(String scopeId) {
        return SCOPES + "/" + ScopeDirs.encode(scopeId) + "/";
    }

    Path scopeDir(String scopeId) {
        return dir.resolve(scopeDirName(scopeId));
    }

    @Override
    public String describe() {
        return label;
    }

    /** The committed manifest; empty while nothing has been committed. */
    public Optional<BundleManifest> manifest() throws IOException {
        Loaded m = loadManifest();
        return m == null ? Optional.empty() : Optional.of(m.manifest());
    }

    /** The committed digest of a scope, as the manifest records it (an optional ability of this store). */
    public Optional<ScopeDigest> digest(Scope scope) throws IOException {
        return manifest().flatMap(m -> m.scope(scope.id())).map(ScopeRecord::digest);
    }

    @Override
    public Cursor<Scope> scopes() throws IOException {
        checkOpen();
        Loaded m = committedOrEmpty();
        List<Scope> scopes = new ArrayList<>();
        if (m != null) {
            for (ScopeRecord r : m.manifest().scopes()) {
                scopes.add(r.scope());
            }
        }
        return new ListCursor<>(scopes, s -> Key.of(s.id()));
    }

    @Override
    public Cursor<Entry> entries(Scope scope, Checkpoint after) throws IOException {
        checkOpen();
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(after, "after");
        Loaded m = committedOrEmpty();
        Optional<ScopeRecord> record =
                m == null ? Optional.empty() : m.manifest().scope(scope.id());
        if (record.isEmpty()) {
            return new BundleCursor(dir, label, scope, List.of(), after.lastKey(), null, ManifestJson.MANIFEST);
        }
        ScopeRecord r = record.get();
        if (checked.contains(r)) {
            Cursor<Entry> spooled = spool().cursor(r, after.lastKey());
            if (spooled != null) {
                return spooled;
            }
        }
        // A part's SHA-256 is still checked at its end: parts with the bytes a check summed hold the
        // entries it summed, so a second sum of the same scope could only agree.
        ScopeDigest expected = checked.contains(r) ? null : r.digest();
        return new BundleCursor(dir, label, r.scope(), r.parts(), after.lastKey(), expected, m.where(scope.id()));
    }

    /**
     * Reads a committed scope through on up to {@code threads} threads, a part file each at a
     * time, checking all that {@link #entries} checks while reading the scope whole. A later
     * {@link #entries} read of it then reads back the entries this check decoded, from temporary
     * files ({@link EntrySpool}) deleted when this store closes, or, where they could not all be
     * kept, the bundle again without summing the scope's digest a second time.
     */
    @Override
    public void checkScope(Scope scope, int threads, Consumer<Entry> check) throws IOException {
        checkOpen();
        Objects.requireNonNull(check, "check");
        Loaded m = committedOrEmpty();
        Optional<ScopeRecord> record =
                m == null ? Optional.empty() : m.manifest().scope(scope.id());
        if (record.isPresent()) {
            new ParallelScopeCheck(dir, label, record.get(), m.where(scope.id()), spool()).run(threads, check);
            checked.add(record.get());
        }
    }

    /** Spools checked scopes into {@code spool} instead of the temporary directory (tests: a small budget). */
    synchronized BundleStore spoolingInto(EntrySpool spool) {
        this.spool = Objects.requireNonNull(spool, "spool");
        return this;
    }

    private synchronized EntrySpool spool() {
        if (spool == null) {
            spool = EntrySpool.inTempDir();
        }
        return spool;
    }

    /** Every line is held to Workers KV's limits as it is parsed ({@link EntryLines}), a breach reported as damage. */
    @Override
    public boolean refusesEntriesOverKvLimits() {
        return true;
    }

    /** A cursor over some parts, for the writers: verified per part, no scope digest. */
    Cursor<Entry> cursor(Scope scope, List<PartRecord> parts, Key after, String where) {
        return new BundleCursor(dir, label, scope, parts, after, null, where);
    }

    @Override
    public ScopeWriter open(Scope scope, WriteMode mode) throws IOException {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(mode, "mode");
        Opening o = reserve(scope);
        // The scope's own directory work (creating it, removing what a crash left there) runs
        // outside the store's lock: under an fsync-heavy load a mkdir can wait on the file
        // system's journal for tens of milliseconds, and Durable Objects copied at once queued
        // behind one another's.
        BundleScopeWriter w = null;
        try {
            Path scopeDir = scopeDir(scope.id());
            OwnerOnly.createDirectories(scopeDir);
            if (o.stalePending()) {
                Files.deleteIfExists(scopeDir.resolve(ManifestJson.PENDING)); // left over from a finished commit
            }
            w = BundleScopeWriter.open(this, scope, mode, o.base(), o.baseWhere(), o.pending(), o.onDisk());
        } finally {
            opened(scope, w);
        }
        return w;
    }

    /** What {@link #open} decided under the lock, for the directory work it does outside it. */
    private record Opening(ScopeRecord base, String baseWhere, Pending pending, boolean onDisk, boolean stalePending) {}

    /** Claims the scope for one writer and decides its generation; the caller must call {@link #opened}. */
    private synchronized Opening reserve(Scope scope) throws IOException {
        checkOpen();
        if (writers.containsKey(scope.id()) || opening.contains(scope.id())) {
            throw new IllegalStateException("a writer for " + scope.id() + " is already open in " + label);
        }
        Loaded m = loadManifest();
        checkAccount(m);
        Map<String, Pending> pend = loadPending();
        ScopeRecord base = m == null ? null : m.manifest().scope(scope.id()).orElse(null);
        wrote = true;
        Pending p = pend.get(scope.id());
        boolean stale = p != null && base != null && p.record().generation() <= base.generation();
        if (stale) {
            p = null;
        }
        boolean onDisk = p != null;
        if (p == null) {
            // Written by the writer's first flush: a generation nothing was flushed to is as good
            // as none after a crash, and one file write fewer per scope counts with many scopes.
            long generation = base == null ? 1 : base.generation() + 1;
            p = new Pending(new ScopeRecord(scope, generation, 0, ScopeDigest.EMPTY, List.of()), null);
            pend.put(scope.id(), p);
        }
        opening.add(scope.id());
        return new Opening(base, m == null ? ManifestJson.MANIFEST : m.where(scope.id()), p, onDisk, stale);
    }

    /** Ends a reservation: the writer is registered, or, when opening it failed (null), the scope is free again. */
    private synchronized void opened(Scope scope, BundleScopeWriter w) {
        opening.remove(scope.id());
        if (w != null) {
            writers.put(scope.id(), w);
        }
    }

    synchronized void flushed(Pending p) {
        pending.put(p.record().scope().id(), p);
    }

    synchronized void writerClosed(BundleScopeWriter w, Scope scope) {
        writers.remove(scope.id(), w);
    }

    /**
     * Makes every pending generation the scope's committed content, in one atomic replace of {@code
     * manifest.json}; then deletes the pending files and superseded parts. Open writers are closed
     * first (what they did not flush is lost). {@link #close()} calls this when the store was opened
     * for writing.
     */
    @Override
    public synchronized void commit() throws IOException {
        checkOpen();
        for (BundleScopeWriter w : List.copyOf(writers.values())) {
            w.close();
        }
        Map<String, Pending> pend = loadPending();
        // Asked before reading the manifest: close() after commit() has nothing to do, and reading
        // back the manifest just written costs O(scopes) (megabytes with many Durable Objects).
        if (pend.isEmpty() && manifestExists()) {
            return;
        }
        Loaded m = loadManifest();
        Map<String, ScopeRecord> scopes = new TreeMap<>(BY_UTF8);
        if (m != null) {
            for (ScopeRecord r : m.manifest().scopes()) {
                scopes.put(r.scope().id(), r);
            }
        }
        List<ScopeRecord> superseded = new ArrayList<>();
        List<Path> pendingFiles = new ArrayList<>();
        for (Pending p : pend.values()) {
            String id = p.record().scope().id();
            ScopeRecord base = scopes.get(id);
            pendingFiles.add(scopeDir(id).resolve(ManifestJson.PENDING));
            if (base != null && p.record().generation() <= base.generation()) {
                continue;
            }
            BundleScopeWriter finisher = BundleScopeWriter.open(
                    this,
                    p.record().scope(),
                    WriteMode.UPSERT,
                    base,
                    m == null ? ManifestJson.MANIFEST : m.where(id),
                    p,
                    true);
            ScopeRecord done;
            try {
                done = finisher.finishForCommit();
            } finally {
                finisher.close();
            }
            if (base != null) {
                superseded.add(base);
            }
            scopes.put(id, done);
        }
        String account = options.accountId() != null
                ? options.accountId()
                : m == null ? null : m.manifest().accountId();
        Instant created = m == null
                ? Instant.now(options.clock()).truncatedTo(ChronoUnit.SECONDS)
                : m.manifest().createdAt();
        BundleManifest next = new BundleManifest(
                BundleManifest.FORMAT_VERSION,
                options.toolVersion(),
                account,
                created,
                new ArrayList<>(scopes.values()));
        OwnerOnly.createDirectories(dir);
        AtomicFile.write(dir.resolve(ManifestJson.MANIFEST), ManifestJson.write(next));
        manifestRead = false; // re-read for line numbers
        committed = null;
        for (Path f : pendingFiles) {
            Files.deleteIfExists(f);
        }
        for (ScopeRecord old : superseded) {
            Set<String> live = new HashSet<>();
            scopes.get(old.scope().id()).parts().forEach(part -> live.add(part.file()));
            for (PartRecord part : old.parts()) {
                if (!live.contains(part.file())) {
                    Files.deleteIfExists(dir.resolve(part.file()));
                }
            }
        }
        pending = new HashMap<>();
    }

    /**
     * Commits if this store opened a writer, then releases it. Idempotent. Reading a bundle never
     * changes it.
     */
    @Override
    public synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        try {
            if (wrote) {
                commit();
            }
        } finally {
            closed = true;
            try {
                for (BundleScopeWriter w : List.copyOf(writers.values())) {
                    w.close();
                }
            } finally {
                if (spool != null) {
                    spool.close();
                }
            }
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException(label + " is closed");
        }
    }

    private void checkAccount(Loaded m) {
        if (m == null || options.accountId() == null || m.manifest().accountId() == null) {
            return;
        }
        if (!m.manifest().accountId().equals(options.accountId())) {
            throw LandfallException.usage(
                    label + " holds data of account " + m.manifest().accountId() + ", not " + options.accountId(),
                    "write each account's export into its own bundle directory");
        }
    }

    /**
     * The committed manifest for reading; fails when the bundle was written but never committed,
     * unless this store is the one writing it (an import reads what is committed while it writes).
     */
    private Loaded committedOrEmpty() throws IOException {
        Loaded m = loadManifest();
        if (m == null && !wrote && !scanPending().isEmpty()) {
            throw LandfallException.failed(
                    label + " has no " + ManifestJson.MANIFEST + ": the export that wrote it did not finish",
                    "resume that export (it commits the bundle when it ends), or export again into a new directory");
        }
        return m;
    }

    private boolean manifestExists() {
        return manifestRead ? committed != null : Files.exists(dir.resolve(ManifestJson.MANIFEST));
    }

    private Loaded loadManifest() throws IOException {
        if (!manifestRead) {
            Path file = dir.resolve(ManifestJson.MANIFEST);
            try (InputStream in = Files.newInputStream(file)) {
                committed = ManifestJson.read(in, label + ": " + ManifestJson.MANIFEST);
            } catch (NoSuchFileException e) {
                committed = null;
            }
            manifestRead = true;
        }
        return committed;
    }

    private Map<String, Pending> loadPending() throws IOException {
        if (pending == null) {
            pending = scanPending();
        }
        return pending;
    }

    private Map<String, Pending> scanPending() throws IOException {
        Map<String, Pending> found = new TreeMap<>(BY_UTF8);
        Path scopes = dir.resolve(SCOPES);
        if (!Files.isDirectory(scopes)) {
            return found;
        }
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(scopes)) {
            for (Path scopeDir : dirs) {
                Path file = scopeDir.resolve(ManifestJson.PENDING);
                if (!Files.isRegularFile(file)) {
                    continue;
                }
                String where = label + ": " + SCOPES + "/" + scopeDir.getFileName() + "/" + ManifestJson.PENDING;
                Pending p;
                try (InputStream in = Files.newInputStream(file)) {
                    p = ManifestJson.readPending(in, where);
                }
                String id = p.record().scope().id();
                if (!ScopeDirs.encode(id).equals(scopeDir.getFileName().toString())) {
                    throw LandfallException.failed(
                            where + " line 1: it describes scope " + id + ", which belongs in " + ScopeDirs.encode(id),
                            PartReader.DAMAGED_HINT);
                }
                found.put(id, p);
            }
        }
        return found;
    }
}
