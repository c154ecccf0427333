package dev.landfall.core.bundle;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.landfall.core.digest.EntryDigest;
import dev.landfall.core.error.LandfallException;
import dev.landfall.core.io.JsonProblem;
import dev.landfall.core.model.Entry;
import dev.landfall.core.model.Scope;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.HexFormat;
import java.util.zip.ZipException;

/**
 * Reads the entries of one part file, one JSON object per line, and hashes the compressed bytes
 * as they pass. Damage (bad gzip, bad JSON, a line that is not an entry) is reported as a FAILED
 * {@link LandfallException} naming the file and line. Other I/O errors propagate unchanged.
 */
final class PartReader implements Closeable {
    static final String DAMAGED_HINT =
            "the bundle is damaged: restore it from a copy, or export the scope again into a new bundle";

    private final String where;
    private final Scope scope;
    private final InputStream raw;
    private final DigestingInputStream hashed;
    private final JsonParser parser;
    private final java.util.zip.GZIPInputStream gzip;
    private long lines;
    private String sha256;

    /**
     * @param raw the part file's bytes; closed by {@link #close()}
     * @param where the file as named in messages, e.g. {@code bundle out/: scopes/kv%3A1/part-00000.ndjson.gz}
     */
    PartReader(InputStream raw, String where, Scope scope) throws IOException {
        this.where = where;
        this.scope = scope;
        this.raw = raw;
        this.hashed = new DigestingInputStream(raw, EntryDigest.newSha256());
        try {
            this.gzip = new java.util.zip.GZIPInputStream(hashed, 64 * 1024);
            // Jackson reads the first bytes here to detect the encoding.
            this.parser = BundleJson.FACTORY.createParser(gzip);
        } catch (EOFException e) {
            raw.close();
            throw damage(1, "the gzip data ends early: the file is truncated", e);
        } catch (ZipException e) {
            raw.close();
            throw damage(1, "not gzip data or damaged gzip data (" + e.getMessage() + ")", e);
        } catch (JsonProcessingException e) {
            raw.close();
            throw damage(1, "bad entry: " + JsonProblem.describe(e), e);
        }
    }

    /** The next entry, or null at the end of the file (after which {@link #sha256()} is known). */
    Entry next() throws IOException {
        try {
            JsonToken t = parser.nextToken();
            if (t == null) {
                hashed.drain();
                sha256 = HexFormat.of().formatHex(hashed.digest());
                return null;
            }
            long line = lines + 1;
            JsonLocation at = parser.currentTokenLocation();
            if (at.getLineNr() < line) {
                throw damage(at.getLineNr(), "more than one JSON value on the line", null);
            }
            if (at.getLineNr() > line) {
                throw damage(line, "empty line; every line must hold one entry", null);
            }
            if (at.getColumnNr() != 1) {
                throw damage(line, "the entry does not start at the beginning of the line", null);
            }
            Entry entry = EntryLines.read(parser, scope);
            lines++;
            return entry;
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            long line = at != null && at.getLineNr() > 0 ? at.getLineNr() : lines + 1;
            throw damage(line, "bad entry: " + JsonProblem.describe(e), e);
        } catch (EOFException e) {
            throw damage(lines + 1, "the gzip data ends early: the file is truncated", e);
        } catch (ZipException e) {
            throw damage(lines + 1, "damaged gzip data (" + e.getMessage() + ")", e);
        }
    }

    /** Entries (lines) read so far. */
    long lines() {
        return lines;
    }

    /** Size of the compressed file, once {@link #next()} returned null. */
    long bytes() {
        return hashed.count();
    }

    /** SHA-256 of the compressed file, once {@link #next()} returned null. */
    String sha256() {
        if (sha256 == null) {
            throw new IllegalStateException("the part has not been read to the end");
        }
        return sha256;
    }

    /** A FAILED error naming this file and a line. */
    LandfallException damage(long line, String problem, Throwable cause) {
        return LandfallException.failed(where + " line " + line + ": " + problem, DAMAGED_HINT, cause);
    }

    @Override
    public void close() throws IOException {
        try {
            parser.close();
            gzip.close();
        } finally {
            raw.close();
        }
    }
}
