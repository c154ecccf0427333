package dev.landfall.core.model;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * A key as the UTF-8 bytes Cloudflare stores. Keys order by their bytes compared unsigned, the
 * order in which Cloudflare lists KV keys; every ordering in Landfall goes through {@link
 * #compareTo(Key)}.
 *
 * <p>The byte array is owned by this key and never changed: callers must not modify the array
 * they pass in or get back. It is not copied, because keys are made on the hot path.
 */
public final class Key implements Comparable<Key> {
    private final byte[] bytes;
    private int hash;

    private Key(byte[] bytes) {
        this.bytes = bytes;
    }

    /** A key from its UTF-8 bytes; the array is taken over, not copied. */
    public static Key ofBytes(byte[] utf8) {
        return new Key(Objects.requireNonNull(utf8, "utf8"));
    }

    /** A key from a Java string, encoded as UTF-8. */
    public static Key of(String text) {
        return new Key(Objects.requireNonNull(text, "text").getBytes(StandardCharsets.UTF_8));
    }

    /** The UTF-8 bytes; owned by this key, do not modify. */
    public byte[] bytes() {
        return bytes;
    }

    /** The key as text (malformed UTF-8 becomes U+FFFD). */
    public String text() {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** Length in bytes. */
    public int size() {
        return bytes.length;
    }

    /**
     * The least byte string above every one that starts with {@code prefix}, in key order: the
     * prefix with its last byte below 0xFF incremented and what follows dropped; null when there is
     * none (an empty prefix, or all 0xFF, which UTF-8 never holds). Stores list a prefix as the range
     * {@code [prefix, endOfPrefix)}.
     */
    public static byte[] endOfPrefix(byte[] prefix) {
        for (int i = prefix.length - 1; i >= 0; i--) {
            if (prefix[i] != (byte) 0xff) {
                byte[] end = Arrays.copyOf(prefix, i + 1);
                end[i]++;
                return end;
            }
        }
        return null;
    }

    @Override
    public int compareTo(Key other) {
        return Arrays.compareUnsigned(bytes, other.bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Key k && Arrays.equals(bytes, k.bytes);
    }

    @Override
    public int hashCode() {
        int h = hash;
        if (h == 0) {
            h = Arrays.hashCode(bytes);
            hash = h;
        }
        return h;
    }

    @Override
    public String toString() {
        return text();
    }
}
