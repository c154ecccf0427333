package dev.landfall.core.digest;

import dev.landfall.core.error.LandfallException;
import dev.landfall.core.model.Entry;
import dev.landfall.core.model.Key;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The SHA-256 of one entry's canonical encoding (bundle format v1, {@code docs/bundle-format.md},
 * section "Digests"). The scope is not part of it. Big-endian throughout:
 *
 * <pre>
 *   "LFE1"                                 4 bytes, ASCII
 *   key length        u32, key bytes       the key's UTF-8 bytes
 *   value length      u64, value bytes     the raw value bytes
 *   metadata          0x00                 when the entry has no metadata, else
 *                     0x01, u32 length, canonical metadata JSON in UTF-8 ({@link CanonicalJson})
 *   expiration        0x00                 when the entry never expires, else
 *                     0x01, i64 epoch seconds
 * </pre>
 *
 * <p>Every field is length-prefixed or flagged, so no two different entries share an encoding. The
 * value is fed to the digest in place, never copied. Instances are immutable values.
 */
public final class EntryDigest {
    /** Length of a digest in bytes. */
    public static final int LENGTH = 32;

    private static final byte[] TAG = {'L', 'F', 'E', '1'};
    private static final HexFormat HEX = HexFormat.of();

    private final byte[] bytes;

    private EntryDigest(byte[] bytes) {
        this.bytes = bytes;
    }

    /**
     * The digest of an entry.
     *
     * @throws LandfallException FAILED when the entry's metadata is not valid JSON
     */
    public static EntryDigest of(Entry entry) {
        return of(entry, newSha256());
    }

    /** As {@link #of(Entry)}, reusing a SHA-256 {@link MessageDigest} (reset before and after use). */
    public static EntryDigest of(Entry entry, MessageDigest sha256) {
        Objects.requireNonNull(entry, "entry");
        String canonical = null;
        if (entry.metadataJson() != null) {
            try {
                canonical = CanonicalJson.canonicalize(entry.metadataJson());
            } catch (LandfallException e) {
                throw LandfallException.failed(
                        "metadata of key '" + entry.key() + "' in "
                                + entry.scope().describe() + " is " + e.getMessage(),
                        "the source produced metadata that is not JSON; this is a bug in that source",
                        e);
            }
        }
        return ofCanonical(entry.key(), entry.value(), canonical, entry.expiration(), sha256);
    }

    /**
     * The digest from parts whose metadata is already canonical ({@link CanonicalJson}).
     *
     * @param canonicalMetadata canonical metadata JSON, or null when there is none
     * @param expiration epoch seconds, or null when the entry never expires
     */
    public static EntryDigest ofCanonical(
            Key key, byte[] value, String canonicalMetadata, Long expiration, MessageDigest sha256) {
        sha256.reset();
        // Three updates instead of nine: each one costs more than hashing the few bytes it adds.
        byte[] keyBytes = key.bytes();
        byte[] head = new byte[TAG.length + 4 + keyBytes.length + 8];
        System.arraycopy(TAG, 0, head, 0, TAG.length);
        int at = putU32(head, TAG.length, keyBytes.length);
        System.arraycopy(keyBytes, 0, head, at, keyBytes.length);
        putU64(head, at + keyBytes.length, value.length);
        sha256.update(head);
        sha256.update(value);
        byte[] metadata = canonicalMetadata == null ? null : canonicalMetadata.getBytes(StandardCharsets.UTF_8);
        byte[] tail = new byte[(metadata == null ? 1 : 5 + metadata.length) + (expiration == null ? 1 : 9)];
        at = 0;
        if (metadata != null) {
            tail[at++] = 1;
            at = putU32(tail, at, metadata.length);
            System.arraycopy(metadata, 0, tail, at, metadata.length);
            at += metadata.length;
        } else {
            at++; // 0x00: no metadata
        }
        if (expiration != null) {
            tail[at++] = 1;
            putU64(tail, at, expiration);
        }
        sha256.update(tail);
        return new EntryDigest(sha256.digest());
    }

    /** A digest from its 64 hex characters. */
    public static EntryDigest fromHex(String hex) {
        byte[] b = HEX.parseHex(hex);
        if (b.length != LENGTH) {
            throw new IllegalArgumentException("an entry digest has 64 hex characters: " + hex);
        }
        return new EntryDigest(b);
    }

    /** A fresh SHA-256 {@link MessageDigest}. */
    public static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw LandfallException.internal("this Java runtime has no SHA-256", e);
        }
    }

    /** The 32 digest bytes (a copy). */
    public byte[] toBytes() {
        return bytes.clone();
    }

    /** The digest as 64 lower-case hex characters. */
    public String hex() {
        return HEX.formatHex(bytes);
    }

    // visible for testing and for ScopeDigest, which adds digests without copying them
    byte[] bytesUnsafe() {
        return bytes;
    }

    private static int putU32(byte[] out, int at, int n) {
        out[at] = (byte) (n >>> 24);
        out[at + 1] = (byte) (n >>> 16);
        out[at + 2] = (byte) (n >>> 8);
        out[at + 3] = (byte) n;
        return at + 4;
    }

    private static void putU64(byte[] out, int at, long n) {
        for (int i = 7; i >= 0; i--) {
            out[at + i] = (byte) n;
            n >>>= 8;
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EntryDigest d && Arrays.equals(bytes, d.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return hex();
    }
}
