package dev.landfall.core.diff;

import dev.landfall.core.model.Entry;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * What a plan shows of one side of a changed key: never the value itself (it may be a secret),
 * only its size and SHA-256, with the metadata and expiration.
 *
 * @param valueSize value length in bytes
 * @param valueSha256 SHA-256 of the value bytes, lower-case hex
 * @param metadataJson the metadata JSON text, or null
 * @param expiration epoch seconds, or null
 */
public record EntrySide(long valueSize, String valueSha256, String metadataJson, Long expiration) {
    /** The side of an entry. */
    public static EntrySide of(Entry e) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(e.value());
            return new EntrySide(e.value().length, HexFormat.of().formatHex(hash), e.metadataJson(), e.expiration());
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("every Java has SHA-256", ex);
        }
    }

    /** The first 12 hex characters of the value's hash, enough to tell values apart in a report. */
    public String shortHash() {
        return valueSha256.substring(0, 12);
    }
}
