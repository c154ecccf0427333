package dev.landfall.serve;

import dev.landfall.core.model.Key;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Base64;
import java.util.zip.CRC32C;

/**
 * Opaque list cursors: base64url (unpadded) of the last key listed followed by its CRC-32C, the
 * sandbox's format, so a cursor serve did not hand out is a 400 rather than a position.
 */
final class ListCursor {
    private static final int CHECK_BYTES = 4;

    private ListCursor() {}

    static String encode(Key last) {
        byte[] key = last.bytes();
        byte[] out = Arrays.copyOf(key, key.length + CHECK_BYTES);
        ByteBuffer.wrap(out, key.length, CHECK_BYTES).putInt(check(key, key.length));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(out);
    }

    /** The key a cursor points after, null for none (null or empty), or a 400. */
    static Key decode(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        String s = cursor.strip().replace('+', '-').replace('/', '_');
        while (s.endsWith("=")) {
            s = s.substring(0, s.length() - 1);
        }
        byte[] b;
        try {
            b = Base64.getUrlDecoder().decode(s);
        } catch (IllegalArgumentException e) {
            b = new byte[0];
        }
        int n = b.length - CHECK_BYTES;
        if (n < 1 || ByteBuffer.wrap(b, n, CHECK_BYTES).getInt() != check(b, n)) {
            String shown = cursor.length() > 64 ? cursor.substring(0, 64) + "…" : cursor;
            throw KvError.badRequest(KvError.INVALID_PARAMETER, "Invalid cursor '" + shown + "'.");
        }
        return Key.ofBytes(Arrays.copyOf(b, n));
    }

    private static int check(byte[] bytes, int length) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, length);
        return (int) crc.getValue();
    }
}
