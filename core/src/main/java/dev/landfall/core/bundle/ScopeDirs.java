package dev.landfall.core.bundle;

import dev.landfall.core.digest.EntryDigest;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Directory names for scopes. A scope id ({@code kv:NS}, {@code do:NS:OBJECT}) becomes a name that
 * is safe on every common file system, including case-insensitive ones: the bytes {@code a-z 0-9 -
 * _ .} stay as they are (a leading {@code .} excepted), every other UTF-8 byte becomes {@code %XX}
 * with upper-case hex. So {@code kv:0f2a} is {@code kv%3A0f2a}. Names longer than {@link
 * #MAX_LENGTH} keep their first part and end in {@code ~} plus 32 hex digits of SHA-256(id); only
 * those cannot be decoded, and the manifest names every file anyway.
 */
final class ScopeDirs {
    static final int MAX_LENGTH = 200;
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private ScopeDirs() {}

    static String encode(String scopeId) {
        byte[] bytes = scopeId.getBytes(StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder(bytes.length + 8);
        for (int i = 0; i < bytes.length; i++) {
            int b = bytes[i] & 0xff;
            boolean plain =
                    (b >= 'a' && b <= 'z') || (b >= '0' && b <= '9') || b == '-' || b == '_' || (b == '.' && i > 0);
            if (plain) {
                out.append((char) b);
            } else {
                out.append('%').append(HEX[b >> 4]).append(HEX[b & 0xf]);
            }
        }
        if (out.length() <= MAX_LENGTH) {
            return out.toString();
        }
        int cut = MAX_LENGTH - 33;
        if (out.charAt(cut - 1) == '%') {
            cut -= 1;
        } else if (out.charAt(cut - 2) == '%') {
            cut -= 2;
        }
        byte[] hash = EntryDigest.newSha256().digest(bytes);
        return out.substring(0, cut) + "~" + HexFormat.of().formatHex(hash, 0, 16);
    }

    /** The scope id a directory name stands for, unless the name was shortened with a hash. */
    static Optional<String> decode(String name) {
        if (name.indexOf('~') >= 0) {
            return Optional.empty();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '%' && i + 2 < name.length()) {
                out.write(HexFormat.fromHexDigits(name, i + 1, i + 3));
                i += 2;
            } else {
                out.write(c);
            }
        }
        return Optional.of(out.toString(StandardCharsets.UTF_8));
    }
}
