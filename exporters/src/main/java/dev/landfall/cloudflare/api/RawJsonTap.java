package dev.landfall.cloudflare.api;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Keeps the last bytes a JSON parser read, so a value can be taken out as the exact text the
 * server sent (KV metadata is kept "as given", STYLE.md and the issue), not as Jackson would write
 * it again. Jackson reads ahead by one buffer (8,000 bytes); the ring holds {@value #CAPACITY}
 * bytes, so any value up to about 56 KiB (Cloudflare caps metadata at 1 KiB) comes out exact. A
 * longer one falls back to a compact copy of its tokens.
 *
 * <p>One parser, one thread.
 */
final class RawJsonTap extends FilterInputStream {
    static final int CAPACITY = 64 * 1024;

    private final byte[] ring = new byte[CAPACITY];
    private long total;

    RawJsonTap(InputStream in) {
        super(in);
    }

    @Override
    public int read() throws IOException {
        int c = in.read();
        if (c >= 0) {
            ring[(int) (total++ % CAPACITY)] = (byte) c;
        }
        return c;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = in.read(b, off, len);
        for (int i = 0; i < n; i++) {
            ring[(int) (total++ % CAPACITY)] = b[off + i];
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        // Skipped bytes would leave a hole in the ring; Jackson never skips, but stay exact anyway.
        byte[] buf = new byte[(int) Math.min(n, 8192)];
        int r = read(buf, 0, buf.length);
        return Math.max(r, 0);
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    /**
     * Consumes the value the parser is at and returns its JSON text as sent, or {@code null} for a
     * JSON {@code null}.
     *
     * @param parser a parser reading from this tap, positioned at the value's first token
     * @param factory makes the generator of the fallback copy
     * @param compact where the fallback copy is written (reused)
     */
    String capture(JsonParser parser, JsonFactory factory, ByteArrayOutputStream compact) throws IOException {
        JsonToken t = parser.currentToken();
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        long start = parser.currentTokenLocation().getByteOffset();
        compact.reset();
        try (JsonGenerator g = factory.createGenerator(compact)) {
            g.copyCurrentStructureExact(parser);
        }
        long end = parser.currentLocation().getByteOffset();
        if (start >= 0 && end > start && start >= total - CAPACITY && end <= total && end - start < CAPACITY) {
            String raw = trim(slice(start, end));
            if (!raw.isEmpty()) {
                return raw;
            }
        }
        return compact.toString(StandardCharsets.UTF_8);
    }

    private byte[] slice(long start, long end) {
        int n = (int) (end - start);
        byte[] out = new byte[n];
        for (int i = 0; i < n; i++) {
            out[i] = ring[(int) ((start + i) % CAPACITY)];
        }
        return out;
    }

    /** The slice ends where the parser stopped, which may be after a delimiter; trim to the value. */
    private static String trim(byte[] bytes) {
        int from = 0;
        int to = bytes.length;
        while (from < to && isSpace(bytes[from])) {
            from++;
        }
        while (to > from && (isSpace(bytes[to - 1]) || bytes[to - 1] == ',')) {
            to--;
        }
        return new String(bytes, from, to - from, StandardCharsets.UTF_8);
    }

    private static boolean isSpace(byte b) {
        return b == ' ' || b == '\t' || b == '\n' || b == '\r';
    }
}
