package dev.landfall.store.postgres;

import dev.landfall.core.error.LandfallException;
import dev.landfall.core.io.Utf8;
import dev.landfall.core.model.Key;
import dev.landfall.core.model.Scope;
import java.nio.charset.StandardCharsets;

/**
 * What a PostgreSQL {@code text} column can hold: well-formed UTF-8 without U+0000. Keys, metadata
 * and Durable Object values are checked in {@code put}, before they are buffered, so a bad entry
 * is named at once and never fails a whole batch later on the server.
 */
final class PgText {
    private PgText() {}

    /** The key's bytes, checked. */
    static byte[] key(String store, Scope scope, Key key) {
        byte[] bytes = key.bytes();
        check(store, scope, key, "key", bytes);
        return bytes;
    }

    /** A scope's id or title, checked: it goes into a text column too. */
    static void name(String store, String what, String text) {
        if (text.indexOf('\0') >= 0) {
            throw LandfallException.rejected(
                    "store " + store + " cannot hold the " + what + " \"" + escape(text)
                            + "\": PostgreSQL text cannot hold NUL (U+0000)",
                    "import this scope into sqlite: or bundle:");
        }
    }

    /** A Durable Object value, checked: typed JSON is UTF-8 text. */
    static byte[] doValue(String store, Scope scope, Key key, byte[] value) {
        check(store, scope, key, "value", value);
        return value;
    }

    /** The metadata JSON as UTF-8 bytes, checked; null stays null. */
    static byte[] metadata(String store, Scope scope, Key key, String metadata) {
        if (metadata == null) {
            return null;
        }
        for (int i = 0; i < metadata.length(); i++) {
            char c = metadata.charAt(i);
            if (c == 0) {
                throw nul(store, scope, key, "metadata");
            }
            if (Character.isSurrogate(c)) {
                boolean paired = Character.isHighSurrogate(c)
                        && i + 1 < metadata.length()
                        && Character.isLowSurrogate(metadata.charAt(i + 1));
                if (!paired) {
                    throw notUtf8(store, scope, key, "metadata");
                }
                i++;
            }
        }
        return metadata.getBytes(StandardCharsets.UTF_8);
    }

    private static void check(String store, Scope scope, Key key, String what, byte[] bytes) {
        // One pass over the ASCII prefix (most keys are ASCII); UTF-8 validation from the first
        // byte above 0x7F on. A NUL is never part of a multi-byte sequence, so it is checked apart.
        int i = 0;
        while (i < bytes.length && bytes[i] > 0) {
            i++;
        }
        if (i == bytes.length) {
            return;
        }
        for (int j = i; j < bytes.length; j++) {
            if (bytes[j] == 0) {
                throw nul(store, scope, key, what);
            }
        }
        if (!Utf8.isValid(bytes, i, bytes.length - i)) {
            throw notUtf8(store, scope, key, what);
        }
    }

    private static LandfallException nul(String store, Scope scope, Key key, String what) {
        return LandfallException.rejected(
                "store " + store + " cannot hold the " + what + " of " + scope.describe() + " key \""
                        + escape(key.text()) + "\": PostgreSQL text cannot hold NUL (U+0000)",
                "remove the NUL from the " + what + " at the source, or import this scope into sqlite: or bundle:");
    }

    private static LandfallException notUtf8(String store, Scope scope, Key key, String what) {
        return LandfallException.rejected(
                "store " + store + " cannot hold the " + what + " of " + scope.describe() + " key \""
                        + escape(key.text()) + "\": PostgreSQL text holds only well-formed UTF-8",
                "fix the " + what + " at the source, or import this scope into sqlite: or bundle:");
    }

    /** The text with control characters, quotes and backslashes escaped, for messages. */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) || c == 0x2028 || c == 0x2029) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
