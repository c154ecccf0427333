package dev.landfall.core.bundle;

import dev.landfall.core.bundle.BundleManifest.PartRecord;
import dev.landfall.core.cursor.AbstractCursor;
import dev.landfall.core.digest.ScopeDigest;
import dev.landfall.core.error.LandfallException;
import dev.landfall.core.model.Entry;
import dev.landfall.core.model.Key;
import dev.landfall.core.model.Scope;
import dev.landfall.core.spi.Checkpoint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Streams the entries of a list of parts in order, after an optional key, checking as it goes:
 * keys strictly increasing within and across parts, each part's first and last key, line count,
 * size and SHA-256 against the manifest, and, when reading a whole scope, the scope digest.
 */
final class BundleCursor extends AbstractCursor<Entry> {
    private final Path dir;
    private final String bundleLabel;
    private final Scope scope;
    private final List<PartRecord> parts;
    private final Key after;
    private final ScopeDigest expected;
    private final String scopeWhere;
    private final ScopeDigest.Accumulator digest;
    private int index;
    private PartRecord part;
    private PartReader reader;
    private Key previous;
    private boolean done;

    /**
     * @param after deliver only keys after this one; null for all
     * @param expected the scope digest to check at the end, or null not to check (partial reads)
     * @param scopeWhere where the scope's record is, for a digest mismatch ({@code manifest.json line 12})
     */
    BundleCursor(
            Path dir,
            String bundleLabel,
            Scope scope,
            List<PartRecord> parts,
            Key after,
            ScopeDigest expected,
            String scopeWhere) {
        super(after == null ? Checkpoint.START : Checkpoint.after(after));
        this.dir = dir;
        this.bundleLabel = bundleLabel;
        this.scope = scope;
        this.parts = parts;
        this.after = after;
        this.expected = after == null ? expected : null;
        this.scopeWhere = scopeWhere;
        this.digest = this.expected == null ? null : ScopeDigest.accumulator();
    }

    @Override
    public boolean next() throws IOException {
        end();
        try {
            return advance() || end();
        } catch (IOException | RuntimeException e) {
            if (isClosed()) {
                return end(); // closed from another thread while reading
            }
            throw e;
        }
    }

    private boolean advance() throws IOException {
        while (!done && !isClosed()) {
            if (reader == null && !openNextPart()) {
                done = true;
                checkScopeDigest();
                return false;
            }
            Entry e = reader.next();
            if (e == null) {
                finishPart();
                continue;
            }
            long line = reader.lines();
            if (line == 1 && !e.key().equals(part.firstKey())) {
                throw reader.damage(
                        line,
                        "first key '" + e.key() + "' is not '" + part.firstKey()
                                + "', the first key manifest.json records",
                        null);
            }
            if (previous != null && e.key().compareTo(previous) <= 0) {
                throw reader.damage(
                        line,
                        "key '" + e.key() + "' is not after the previous key '" + previous
                                + "': keys must strictly increase (unsigned UTF-8 byte order)",
                        null);
            }
            previous = e.key();
            if (digest != null) {
                digest.add(e);
            }
            if (after != null && e.key().compareTo(after) <= 0) {
                continue;
            }
            return deliver(e, Checkpoint.after(e.key()));
        }
        return false;
    }

    private boolean openNextPart() throws IOException {
        while (index < parts.size()) {
            PartRecord p = parts.get(index++);
            if (after != null && p.lastKey().compareTo(after) <= 0) {
                previous = p.lastKey();
                continue;
            }
            part = p;
            Path path = dir.resolve(p.file());
            try {
                reader = new PartReader(Files.newInputStream(path), where(p), scope);
            } catch (NoSuchFileException e) {
                throw LandfallException.failed(
                        where(p) + " is missing (" + scopeWhere + " lists it)", PartReader.DAMAGED_HINT, e);
            }
            return true;
        }
        return false;
    }

    private void finishPart() throws IOException {
        long lines = reader.lines();
        String end = "line " + lines + " (end of file)";
        if (lines != part.count()) {
            throw failed(where(part) + " " + end + ": the file holds " + lines + " entries but manifest.json records "
                    + part.count());
        }
        if (!previous.equals(part.lastKey())) {
            throw failed(where(part) + " " + end + ": last key '" + previous + "' is not '" + part.lastKey()
                    + "', the last key manifest.json records");
        }
        if (reader.bytes() != part.bytes() || !reader.sha256().equals(part.sha256())) {
            throw failed(where(part) + " " + end + ": the file (" + reader.bytes() + " bytes, SHA-256 "
                    + reader.sha256() + ") is not the one manifest.json records (" + part.bytes() + " bytes, SHA-256 "
                    + part.sha256() + ")");
        }
        reader.close();
        reader = null;
    }

    /**
     * Checks keys against {@code key} as if it had just been read: for a cursor over one part of a
     * scope, the last key of the part before.
     */
    BundleCursor after(Key key) {
        previous = key;
        return this;
    }

    private void checkScopeDigest() {
        if (digest != null) {
            checkDigest(bundleLabel, scopeWhere, scope, digest.toDigest(), expected);
        }
    }

    /** Fails naming the scope's record and the differing buckets unless the digests are equal. */
    static void checkDigest(
            String bundleLabel, String scopeWhere, Scope scope, ScopeDigest actual, ScopeDigest expected) {
        if (!actual.equals(expected)) {
            String buckets = actual.differingBuckets(expected).stream()
                    .limit(8)
                    .map(b -> String.format("%02x", b))
                    .collect(Collectors.joining(", "));
            throw failed(bundleLabel + ": " + scopeWhere + ": the digest of the " + actual.count() + " entries of "
                    + scope.id() + " read from its parts does not match the manifest's (count " + expected.count()
                    + (buckets.isEmpty() ? "" : "; differing buckets " + buckets) + ")");
        }
    }

    private String where(PartRecord p) {
        return bundleLabel + ": " + p.file();
    }

    private static LandfallException failed(String message) {
        return LandfallException.failed(message, PartReader.DAMAGED_HINT);
    }

    @Override
    protected void onClose() throws IOException {
        PartReader r = reader;
        reader = null;
        if (r != null) {
            r.close();
        }
    }
}
