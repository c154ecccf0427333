package dev.landfall.sandbox.internal;

import java.util.Base64;

/**
 * Opaque cursors: the base64url (unpadded) of the last listed key or id, as Cloudflare's look
 * ({@code c2VlZDowMDc} is {@code seed:007}). Decoding accepts both base64 alphabets, padded or
 * not, since clients copy the text as they got it.
 */
public final class Cursors {
    private Cursors() {}

    public static String encode(byte[] last) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(last);
    }

    /** The bytes of a cursor, or a 400 when it is not one of ours. */
    public static byte[] decode(String cursor) {
        String s = cursor.strip().replace('+', '-').replace('/', '_');
        while (s.endsWith("=")) {
            s = s.substring(0, s.length() - 1);
        }
        try {
            byte[] b = Base64.getUrlDecoder().decode(s);
            if (b.length == 0) {
                throw new IllegalArgumentException("empty");
            }
            return b;
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest(ApiError.INVALID_PARAMETER, "Invalid cursor '" + cursor + "'.");
        }
    }
}
