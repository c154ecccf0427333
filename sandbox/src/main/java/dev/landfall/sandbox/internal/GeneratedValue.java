package dev.landfall.sandbox.internal;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * A seeded value, generated again on every read from {@code (seed, size, kind)}: the same triple
 * always gives the same bytes.
 *
 * @param seed the generator seed
 * @param size the length in bytes
 * @param kind what the bytes look like
 */
public record GeneratedValue(long seed, int size, Kind kind) implements KvValue {
    /** What a generated value looks like. */
    public enum Kind {
        /** Printable ASCII words: readable as text, not JSON. */
        TEXT,
        /** A JSON object (or a JSON number when shorter than 16 bytes). */
        JSON,
        /** Random bytes starting with 0xFF: never valid UTF-8. */
        BINARY
    }

    private static final byte[] ALPHABET =
            "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 -_.".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ALNUM = "abcdefghijklmnopqrstuvwxyz0123456789".getBytes(StandardCharsets.US_ASCII);

    public GeneratedValue {
        if (size < 0) {
            throw new IllegalArgumentException("size < 0");
        }
    }

    @Override
    public byte[] bytes() {
        SplittableRandom r = new SplittableRandom(seed);
        byte[] b = new byte[size];
        switch (kind) {
            case BINARY -> {
                r.nextBytes(b);
                if (size > 0) {
                    b[0] = (byte) 0xFF;
                }
                if (size > 2) {
                    b[size / 2] = 0;
                }
            }
            case TEXT -> fill(r, b, 0, size, ALPHABET);
            case JSON -> json(r, b);
        }
        return b;
    }

    private void json(SplittableRandom r, byte[] b) {
        String head = "{\"v\":" + (seed & 0xFFFF) + ",\"data\":\"";
        String tail = "\"}";
        if (size < head.length() + tail.length()) {
            // Short: a JSON number such as 1000123.
            for (int i = 0; i < size; i++) {
                b[i] = (byte) (i == 0 ? '1' + r.nextInt(9) : '0' + r.nextInt(10));
            }
            return;
        }
        byte[] h = head.getBytes(StandardCharsets.US_ASCII);
        byte[] t = tail.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(h, 0, b, 0, h.length);
        fill(r, b, h.length, size - t.length, ALNUM);
        System.arraycopy(t, 0, b, size - t.length, t.length);
    }

    private static void fill(SplittableRandom r, byte[] b, int from, int to, byte[] alphabet) {
        for (int i = from; i < to; i++) {
            b[i] = alphabet[r.nextInt(alphabet.length)];
        }
    }
}
