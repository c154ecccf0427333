package dev.landfall.cloudflare.api;

import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * A value read on its own ({@code GET …/values/{key}}): its raw bytes and the {@code expiration}
 * header.
 *
 * @param bytes the stored bytes; owned by this record, not copied, not to be modified
 * @param expiration epoch seconds, or null when the key never expires
 */
public record ValueRead(byte[] bytes, Long expiration) {
    public ValueRead {
        Objects.requireNonNull(bytes, "bytes");
    }

    /** The expiry, if any. */
    public Optional<Long> expiresAt() {
        return Optional.ofNullable(expiration);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ValueRead v && Arrays.equals(bytes, v.bytes) && Objects.equals(expiration, v.expiration);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(bytes) + Objects.hashCode(expiration);
    }

    @Override
    public String toString() {
        return "ValueRead[" + bytes.length + " bytes" + (expiration == null ? "" : ", expiration=" + expiration) + "]";
    }
}
