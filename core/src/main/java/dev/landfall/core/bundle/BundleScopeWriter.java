package dev.landfall.core.bundle;

import dev.landfall.core.bundle.BundleManifest.PartRecord;
import dev.landfall.core.bundle.BundleManifest.ScopeRecord;
import dev.landfall.core.bundle.ManifestJson.Pending;
import dev.landfall.core.digest.ScopeDigest;
import dev.landfall.core.error.LandfallException;
import dev.landfall.core.io.AtomicFile;
import dev.landfall.core.io.OwnerOnly;
import dev.landfall.core.io.Utf8;
import dev.landfall.core.model.Entry;
import dev.landfall.core.model.Key;
import dev.landfall.core.model.Scope;
import dev.landfall.core.spi.Cursor;
import dev.landfall.core.spi.ScopeWriter;
import dev.landfall.core.spi.WriteMode;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes a scope's next generation as a streaming merge of the committed generation (the base)
 * with the puts and deletes it is given, in strictly increasing key order. Committed entries
 * before each key are carried over; at the key, the mode decides (UPSERT and MIRROR take the put,
 * CREATE_ONLY keeps the committed entry, a MIRROR delete drops it). The committed entries after the
 * last key are carried over when the store commits.
 *
 * <p>Resuming: a writer opened on a scope whose pending generation has sealed parts (a crashed or
 * earlier writer) keeps the pending entries whose keys are below its first key and drops the rest,
 * so a caller that resumes after its last journaled checkpoint duplicates nothing, even when parts
 * were sealed after that checkpoint.
 */
final class BundleScopeWriter implements ScopeWriter {
    private static final Pattern PART_NUMBER = Pattern.compile("part-([0-9]+)\\.ndjson\\.gz");

    private final BundleStore store;
    private final Scope scope;
    private final WriteMode mode;
    private final ScopeRecord base;
    private final String baseWhere;
    private final Path scopeDir;
    private final String scopeDirRel;
    private Pending durable;
    private boolean durableOnDisk;
    private List<PartRecord> parts;
    private final List<PartRecord> sealedSinceFlush = new ArrayList<>();
    private final List<PartRecord> droppedSinceFlush = new ArrayList<>();
    private final ScopeDigest.Accumulator digest;
    private PartWriter current;
    private int nextPart;
    private Key lastOp;
    private Cursor<Entry> baseCursor;
    private Entry basePeek;
    private boolean started;
    private boolean broken;
    private boolean closed;

    private BundleScopeWriter(
            BundleStore store,
            Scope scope,
            WriteMode mode,
            ScopeRecord base,
            String baseWhere,
            Pending durable,
            boolean durableOnDisk,
            Path scopeDir,
            String scopeDirRel,
            int nextPart) {
        this.store = store;
        this.scope = scope;
        this.mode = mode;
        this.base = base;
        this.baseWhere = baseWhere;
        this.durable = durable;
        this.durableOnDisk = durableOnDisk;
        this.scopeDir = scopeDir;
        this.scopeDirRel = scopeDirRel;
        this.nextPart = nextPart;
        this.parts = new ArrayList<>(durable.record().parts());
        this.digest = ScopeDigest.accumulator().addAll(durable.record().digest());
    }

    /**
     * A writer for the scope's pending generation. Cleans the scope directory first: temp files and
     * parts that neither the committed nor the pending generation lists are left by a crash.
     *
     * @param onDisk whether {@code pending.json} holds the pending generation already (else the first
     *     flush writes it, even with nothing sealed, so the scope exists after a crash)
     */
    static BundleScopeWriter open(
            BundleStore store,
            Scope scope,
            WriteMode mode,
            ScopeRecord base,
            String baseWhere,
            Pending pending,
            boolean onDisk)
            throws IOException {
        String rel = BundleStore.scopeDirName(scope.id());
        Path scopeDir = store.scopeDir(scope.id());
        Set<String> referenced = new HashSet<>();
        int max = -1;
        List<PartRecord> all = new ArrayList<>(pending.record().parts());
        if (base != null) {
            all.addAll(base.parts());
        }
        for (PartRecord part : all) {
            String name = part.file().substring(part.file().lastIndexOf('/') + 1);
            referenced.add(name);
            Matcher m = PART_NUMBER.matcher(name);
            if (m.matches()) {
                max = Math.max(max, Integer.parseInt(m.group(1)));
            }
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(scopeDir)) {
            for (Path f : files) {
                String name = f.getFileName().toString();
                if (name.endsWith(AtomicFile.TMP_SUFFIX)
                        || (PART_NUMBER.matcher(name).matches() && !referenced.contains(name))) {
                    Files.deleteIfExists(f);
                }
            }
        }
        return new BundleScopeWriter(store, scope, mode, base, baseWhere, pending, onDisk, scopeDir, rel, max + 1);
    }

    @Override
    public void put(Entry entry) throws IOException {
        Objects.requireNonNull(entry, "entry");
        // The same scope object nearly always: a Durable Object's id is built anew on each call.
        if (entry.scope() != scope && !entry.scope().id().equals(scope.id())) {
            throw new IllegalArgumentException(
                    "entry of " + entry.scope().id() + " put into the writer of " + scope.id());
        }
        apply(entry.key(), entry);
    }

    @Override
    public void delete(Key key) throws IOException {
        Objects.requireNonNull(key, "key");
        if (mode != WriteMode.MIRROR) {
            throw new IllegalStateException(
                    "delete needs WriteMode.MIRROR; this writer of " + scope.id() + " is " + mode);
        }
        apply(key, null);
    }

    private void apply(Key key, Entry put) throws IOException {
        checkUsable();
        if (lastOp != null && key.compareTo(lastOp) <= 0) {
            throw LandfallException.failed(
                    store.describe() + ": key '" + key + "' came after '" + lastOp + "' in " + scope.describe()
                            + "; a bundle is written in strictly increasing key order (unsigned UTF-8 bytes)",
                    "write a bundle from a source that yields keys in order, such as Cloudflare, a bundle or an SQL store");
        }
        if (!Utf8.isValid(key.bytes())) {
            throw LandfallException.failed(
                    store.describe() + ": key 0x" + HexFormat.of().formatHex(key.bytes()) + " in " + scope.describe()
                            + " is not valid UTF-8 and cannot be written to a bundle",
                    "Cloudflare keys are strings; the source that produced this key has a bug");
        }
        broken = true; // until this operation completes
        if (!started) {
            begin(key);
        }
        while (basePeek != null && basePeek.key().compareTo(key) < 0) {
            append(basePeek);
            advanceBase();
        }
        boolean inBase = basePeek != null && basePeek.key().equals(key);
        if (put != null) {
            append(inBase && mode == WriteMode.CREATE_ONLY ? basePeek : put);
        }
        if (inBase) {
            advanceBase();
        }
        lastOp = key;
        broken = false;
    }

    /** The first operation: truncate a resumed generation below the key, position the base. */
    private void begin(Key first) throws IOException {
        started = true;
        Key through = durable.through();
        Key baseAfter = through;
        boolean truncated = through != null && first.compareTo(through) <= 0;
        if (truncated) {
            baseAfter = truncate(first);
        }
        if (base != null && !base.parts().isEmpty()) {
            baseCursor = store.cursor(base.scope(), base.parts(), baseAfter, baseWhere);
            advanceBase();
            // Committed keys below `first` were all decided before (kept, so in the pending parts,
            // or deleted): do not carry them over again.
            while (truncated && basePeek != null && basePeek.key().compareTo(first) < 0) {
                advanceBase();
            }
        }
    }

    /** Keeps the pending entries below the key and drops the rest; returns the last kept key. */
    private Key truncate(Key first) throws IOException {
        List<PartRecord> kept = new ArrayList<>();
        List<PartRecord> dropped = new ArrayList<>();
        Key lastKept = null;
        for (PartRecord part : parts) {
            if (part.lastKey().compareTo(first) < 0) {
                kept.add(part);
                lastKept = part.lastKey();
            } else {
                dropped.add(part);
            }
        }
        parts = kept;
        for (PartRecord part : dropped) {
            droppedSinceFlush.add(part);
            try (Cursor<Entry> c = store.cursor(scope, List.of(part), null, scopeDirRel + ManifestJson.PENDING)) {
                while (c.next()) {
                    Entry e = c.current();
                    digest.remove(e);
                    if (e.key().compareTo(first) < 0) {
                        append(e);
                        lastKept = e.key();
                    }
                }
            }
        }
        return lastKept;
    }

    private void advanceBase() throws IOException {
        basePeek = baseCursor.next() ? baseCursor.current() : null;
    }

    private void append(Entry e) throws IOException {
        digest.add(e); // first: it rejects bad metadata before half a line is written
        if (current == null) {
            String name = String.format("part-%05d.ndjson.gz", nextPart++);
            current = PartWriter.create(scopeDir.resolve(name), scopeDirRel + name);
        }
        current.write(e);
        BundleOptions o = store.options();
        if (current.count() >= o.partMaxEntries() || current.uncompressedBytes() >= o.partMaxBytes()) {
            sealCurrent();
        }
    }

    private void sealCurrent() throws IOException {
        PartRecord r = current.seal();
        current = null;
        parts.add(r);
        sealedSinceFlush.add(r);
    }

    /** Seals the current part and records the sealed parts in pending.json: all durable, or none. */
    @Override
    public void flush() throws IOException {
        checkUsable();
        if (current != null) {
            sealCurrent();
        }
        Key through = started ? lastOp : durable.through();
        if (durableOnDisk
                && sealedSinceFlush.isEmpty()
                && droppedSinceFlush.isEmpty()
                && Objects.equals(through, durable.through())) {
            return;
        }
        Pending next = new Pending(record(), through);
        // Its directory sync also makes the renames of the parts just sealed durable.
        AtomicFile.write(scopeDir.resolve(ManifestJson.PENDING), ManifestJson.writePending(next));
        durable = next;
        durableOnDisk = true;
        store.flushed(next);
        for (PartRecord d : droppedSinceFlush) {
            Files.deleteIfExists(store.directory().resolve(d.file()));
        }
        droppedSinceFlush.clear();
        sealedSinceFlush.clear();
    }

    /**
     * For the commit: carries over the committed entries after the pending generation's last
     * decided key, seals, and returns the finished generation. The writer is closed afterwards.
     */
    ScopeRecord finishForCommit() throws IOException {
        checkUsable();
        started = true;
        if (base != null && !base.parts().isEmpty()) {
            baseCursor = store.cursor(base.scope(), base.parts(), durable.through(), baseWhere);
            advanceBase();
            while (basePeek != null) {
                append(basePeek);
                advanceBase();
            }
        }
        if (current != null) {
            sealCurrent();
        }
        if (!sealedSinceFlush.isEmpty()) {
            OwnerOnly.syncDirectory(scopeDir); // the parts' renames, before the manifest names them
        }
        ScopeRecord done = record();
        sealedSinceFlush.clear(); // now owned by the manifest about to be written
        return done;
    }

    private ScopeRecord record() {
        ScopeDigest d = digest.toDigest();
        return new ScopeRecord(scope, durable.record().generation(), d.count(), d, parts);
    }

    private void checkUsable() {
        if (closed) {
            throw new IllegalStateException("the writer of " + scope.id() + " is closed");
        }
        if (broken) {
            throw new IllegalStateException(
                    "the writer of " + scope.id() + " failed earlier; close it and open a new one");
        }
    }

    /** Throws away what was not flushed. Idempotent. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (current != null) {
                current.abort();
                current = null;
            }
            for (PartRecord r : sealedSinceFlush) {
                Files.deleteIfExists(store.directory().resolve(r.file()));
            }
            if (baseCursor != null) {
                baseCursor.close();
            }
        } finally {
            store.writerClosed(this, scope);
        }
    }
}
