package dev.landfall.core.text;

import java.util.Objects;

/**
 * Text from an account, a bundle or a file, as it may be printed to a terminal or into a report.
 * A namespace title, a class, script or binding name, or a message quoting one can hold escape
 * sequences (ESC, CSI, OSC), BEL, NUL or bidirectional overrides that would retitle the window,
 * clear the screen or reorder what an operator reads. Each such character becomes a visible JSON
 * style escape ({@code \\u001b}, {@code \n}); everything else, including non-ASCII letters and
 * emoji, is left exactly as it was, so ordinary names look as they always did.
 *
 * <p>Escaped: C0 controls (tab, newline and carriage return as {@code \t}, {@code \n}, {@code
 * \r}), DEL, C1 controls, line and paragraph separators, unpaired surrogates, and format
 * characters (bidirectional controls, zero-width spaces, the byte order mark) except the zero-width
 * joiner and non-joiner and the tag characters, which emoji sequences and some scripts need.
 * Backslashes are not doubled: the escaped text is for reading, and {@code --json} carries the
 * exact string.
 */
public final class VisibleText {
    private VisibleText() {}

    /** The text with every unsafe character escaped; the same instance when there is none. */
    public static String of(String text) {
        Objects.requireNonNull(text, "text");
        int first = firstUnsafe(text);
        if (first < 0) {
            return text;
        }
        StringBuilder sb = new StringBuilder(text.length() + 16).append(text, 0, first);
        for (int i = first; i < text.length(); ) {
            int cp = text.codePointAt(i);
            if (isUnsafe(cp)) {
                appendEscape(sb, cp);
            } else {
                sb.appendCodePoint(cp);
            }
            i += Character.charCount(cp);
        }
        return sb.toString();
    }

    /**
     * Whether the code point would be escaped. An unpaired surrogate arrives here as itself (as
     * {@link String#codePointAt} returns it); a paired one never does.
     */
    public static boolean isUnsafe(int codePoint) {
        if (codePoint < 0x20 || (codePoint >= 0x7f && codePoint <= 0x9f)) {
            return true;
        }
        return switch (Character.getType(codePoint)) {
            case Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR, Character.SURROGATE -> true;
            case Character.FORMAT -> !joinsEmojiOrScript(codePoint);
            default -> false;
        };
    }

    /**
     * Appends the code point as an escape: {@code \t}, {@code \n} and {@code \r} by name, others
     * as {@code \\uXXXX} per UTF-16 unit, as a JSON string writes them.
     */
    public static void appendEscape(StringBuilder sb, int codePoint) {
        switch (codePoint) {
            case '\t' -> sb.append("\\t");
            case '\n' -> sb.append("\\n");
            case '\r' -> sb.append("\\r");
            default -> {
                for (char unit : Character.toChars(codePoint)) {
                    sb.append("\\u");
                    String hex = Integer.toHexString(unit);
                    sb.append("0".repeat(4 - hex.length())).append(hex);
                }
            }
        }
    }

    private static int firstUnsafe(String text) {
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            if (isUnsafe(cp)) {
                return i;
            }
            i += Character.charCount(cp);
        }
        return -1;
    }

    // ZWNJ and ZWJ shape Persian and Indic text and join emoji (👩‍💻); tags spell flags (🏴 of a region).
    private static boolean joinsEmojiOrScript(int codePoint) {
        return codePoint == 0x200c || codePoint == 0x200d || (codePoint >= 0xe0020 && codePoint <= 0xe007f);
    }
}
