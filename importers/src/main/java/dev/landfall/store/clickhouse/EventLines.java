package dev.landfall.store.clickhouse;

import dev.landfall.core.error.LandfallException;
import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;

/**
 * The lines of an NDJSON file, gzip'd or not (told by the gzip magic bytes, not the name), one at
 * a time into a reused buffer: memory stays at the longest line. A trailing {@code \r} is
 * dropped; blank lines are counted but hold no event.
 */
final class EventLines implements Closeable {
    private static final int MAX_LINE = 64 * 1024 * 1024;

    private final Path file;
    private final InputStream in;
    private final byte[] chunk = new byte[1 << 16];
    private int pos;
    private int limit;
    private byte[] line = new byte[8192];
    private int length;
    private long number;
    private boolean eof;

    private EventLines(Path file, InputStream in) {
        this.file = file;
        this.in = in;
    }

    /**
     * Opens {@code file}.
     *
     * @throws LandfallException USAGE when the file is missing or unreadable
     */
    static EventLines open(Path file) throws IOException {
        InputStream raw;
        try {
            raw = Files.newInputStream(file);
        } catch (NoSuchFileException e) {
            throw LandfallException.usage("events file " + file + " does not exist", "check the path after events:");
        } catch (java.nio.file.AccessDeniedException e) {
            throw LandfallException.usage("events file " + file + " is not readable", "check its permissions");
        }
        BufferedInputStream buffered = new BufferedInputStream(raw, 1 << 16);
        buffered.mark(2);
        int b0 = buffered.read();
        int b1 = buffered.read();
        buffered.reset();
        InputStream in = b0 == 0x1f && b1 == 0x8b ? new GZIPInputStream(buffered, 1 << 16) : buffered;
        return new EventLines(file, in);
    }

    /** Moves to the next line; false at the end of the file. */
    boolean next() throws IOException {
        length = 0;
        while (true) {
            if (pos == limit) {
                if (eof || !fill()) {
                    eof = true;
                    if (length == 0) {
                        return false;
                    }
                    break;
                }
            }
            int nl = -1;
            for (int i = pos; i < limit; i++) {
                if (chunk[i] == '\n') {
                    nl = i;
                    break;
                }
            }
            int end = nl < 0 ? limit : nl;
            append(end - pos);
            pos = nl < 0 ? limit : nl + 1;
            if (nl >= 0) {
                break;
            }
        }
        number++;
        if (length > 0 && line[length - 1] == '\r') {
            length--;
        }
        return true;
    }

    private void append(int n) {
        if (length + n > line.length) {
            if (length + n > MAX_LINE) {
                throw LandfallException.usage(
                        file + " line " + (number + 1) + " is longer than 64 MiB", "split the event or fix the file");
            }
            line = Arrays.copyOf(line, Math.max(line.length * 2, length + n));
        }
        System.arraycopy(chunk, pos, line, length, n);
        length += n;
    }

    private boolean fill() throws IOException {
        try {
            int n = in.read(chunk, 0, chunk.length);
            if (n <= 0) {
                return false;
            }
            pos = 0;
            limit = n;
            return true;
        } catch (java.util.zip.ZipException | java.io.EOFException e) {
            throw LandfallException.usage(
                    file + " is a damaged gzip file (after line " + number + "): " + e.getMessage(),
                    "fetch the export again, or check it with gunzip -t");
        }
    }

    /** The bytes of the current line; valid until the next {@link #next()}. */
    byte[] bytes() {
        return line;
    }

    /** The length of the current line. */
    int length() {
        return length;
    }

    /** Whether the current line holds only whitespace. */
    boolean blank() {
        for (int i = 0; i < length; i++) {
            byte c = line[i];
            if (c != ' ' && c != '\t') {
                return false;
            }
        }
        return true;
    }

    /** The 1-based number of the current line. */
    long number() {
        return number;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
