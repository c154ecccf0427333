package dev.landfall.core.codec;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Base64;
import java.util.zip.CRC32C;

/**
 * The opaque list cursors of the sandbox and {@code landfall serve}: base64url (unpadded) of the
 * last listed key or id followed by its CRC-32C, so a cursor neither handed out ({@code
 * cursor=garbage}, a truncated copy) is refused instead of read as a position, as Cloudflare
 * refuses a cursor it cannot decode. Decoding accepts both base64 alphabets, padded or not, since
 * clients copy the text as they got it.
 */
public final class OpaqueCursor {
    /** A cursor that was not handed out; the message names it, for a client. */
    public static final class Invalid extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        Invalid(String message) {
            super(message);
        }
    }

    private static final int CHECK_BYTES = 4;

    private OpaqueCursor() {}

    /** The cursor that continues after {@code last} (a key's or an id's bytes). */
    public static String encode(byte[] last) {
        byte[] out = Arrays.copyOf(last, last.length + CHECK_BYTES);
        ByteBuffer.wrap(out, last.length, CHECK_BYTES).putInt(check(last, last.length));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(out);
    }

    /**
     * The bytes a cursor continues after.
     *
     * @throws Invalid when the text is not a cursor {@link #encode} made
     */
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
            throw new Invalid("Invalid cursor '" + shown + "'.");
        }
        return Arrays.copyOf(b, n);
    }

    private static int check(byte[] bytes, int length) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, length);
        return (int) crc.getValue();
    }
}
