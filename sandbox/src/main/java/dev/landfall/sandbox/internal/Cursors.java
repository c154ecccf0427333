package dev.landfall.sandbox.internal;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Base64;
import java.util.zip.CRC32C;

/**
 * Opaque cursors: base64url (unpadded) of the last listed key or id followed by its CRC-32C, so
 * a cursor the sandbox did not hand out ({@code cursor=garbage}, a truncated copy) is refused with
 * a 400 instead of being read as a position, as Cloudflare refuses a cursor it cannot decode.
 * Decoding accepts both base64 alphabets, padded or not, since clients copy the text as they got
 * it.
 */
public final class Cursors {
    private static final int CHECK_BYTES = 4;

    private Cursors() {}

    public static String encode(byte[] last) {
        byte[] out = Arrays.copyOf(last, last.length + CHECK_BYTES);
        ByteBuffer.wrap(out, last.length, CHECK_BYTES).putInt(check(last, last.length));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(out);
    }

    /** The bytes of a cursor, or a 400 when it is not one of ours. */
    public static byte[] decode(String cursor) {
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
            throw ApiError.badRequest(ApiError.INVALID_PARAMETER, "Invalid cursor '" + shown + "'.");
        }
        return Arrays.copyOf(b, n);
    }

    private static int check(byte[] bytes, int length) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, length);
        return (int) crc.getValue();
    }
}
