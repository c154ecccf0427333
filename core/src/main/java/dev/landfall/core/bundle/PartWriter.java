package dev.landfall.core.bundle;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.landfall.core.bundle.BundleManifest.PartRecord;
import dev.landfall.core.digest.EntryDigest;
import dev.landfall.core.io.AtomicFile;
import dev.landfall.core.model.Entry;
import dev.landfall.core.model.Key;
import java.io.IOException;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.zip.GZIPOutputStream;

/**
 * Writes one part file: entry lines through a {@link JsonGenerator} into gzip into an {@link
 * AtomicFile}, hashing the compressed bytes on the way. {@link #seal()} makes it whole and durable
 * under its final name; {@link #abort()} leaves nothing behind.
 */
final class PartWriter {
    private final String file;
    private final AtomicFile atomic;
    private final MessageDigest sha256 = EntryDigest.newSha256();
    private final CountingOutputStream compressed;
    private final GZIPOutputStream gzip;
    private final CountingOutputStream uncompressed;
    private final JsonGenerator generator;
    private long count;
    private Key firstKey;
    private Key lastKey;

    private PartWriter(Path path, String file) throws IOException {
        this.file = file;
        this.atomic = AtomicFile.create(path);
        try {
            this.compressed = new CountingOutputStream(new DigestOutputStream(atomic.stream(), sha256));
            this.gzip = new GZIPOutputStream(compressed, 64 * 1024);
            this.uncompressed = new CountingOutputStream(gzip);
            this.generator = BundleJson.FACTORY.createGenerator(uncompressed);
            generator.setRootValueSeparator(null);
        } catch (IOException | RuntimeException e) {
            atomic.close();
            throw e;
        }
    }

    /**
     * Starts a part.
     *
     * @param path where the part goes (its {@code .tmp} is written first)
     * @param file the part's path relative to the bundle, for the manifest
     */
    static PartWriter create(Path path, String file) throws IOException {
        return new PartWriter(path, file);
    }

    void write(Entry entry) throws IOException {
        EntryLines.write(generator, entry);
        if (firstKey == null) {
            firstKey = entry.key();
        }
        lastKey = entry.key();
        count++;
    }

    long count() {
        return count;
    }

    /** Uncompressed bytes so far, including what the generator still buffers. */
    long uncompressedBytes() {
        return uncompressed.count() + generator.getOutputBuffered();
    }

    /**
     * Finishes the gzip stream, forces it to disk and renames it into place. The caller syncs the
     * scope directory before anything durable refers to the part (one sync for all parts of a flush).
     */
    PartRecord seal() throws IOException {
        if (count == 0) {
            throw new IllegalStateException("an empty part is never sealed: " + file);
        }
        generator.close();
        gzip.finish();
        compressed.flush();
        atomic.commitWithoutDirectorySync();
        return new PartRecord(
                file, count, compressed.count(), HexFormat.of().formatHex(sha256.digest()), firstKey, lastKey);
    }

    /** Deletes the unfinished part. */
    void abort() throws IOException {
        try {
            generator.close();
            gzip.close(); // releases the deflater's native memory
        } catch (IOException e) {
            // The part is thrown away anyway.
        }
        atomic.close();
    }
}
