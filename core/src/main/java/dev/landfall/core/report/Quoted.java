package dev.landfall.core.report;

/**
 * Keys and metadata as a report may print them: a JSON string literal, so control characters,
 * escape sequences and invisible characters in a key can neither corrupt a terminal nor hide.
 */
public final class Quoted {
    private Quoted() {}

    /** The text as a JSON string literal, with every control and format character escaped. */
    public static String of(String text) {
        return '"' + escape(text, true) + '"';
    }

    /**
     * The text as it is, except control and format characters, which become {@code \\uXXXX}: for
     * JSON metadata, whose quotes need no escaping to be read, but whose strings may hold
     * invisible or direction-changing characters.
     */
    public static String controlsEscaped(String text) {
        return escape(text, false);
    }

    private static String escape(String text, boolean literal) {
        StringBuilder sb = new StringBuilder(text.length() + 2);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> sb.append(literal ? "\\\"" : "\"");
                case '\\' -> sb.append(literal ? "\\\\" : "\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    int type = Character.getType(c);
                    if (c < 0x20
                            || c == 0x7f
                            || type == Character.CONTROL
                            || type == Character.FORMAT
                            || type == Character.LINE_SEPARATOR
                            || type == Character.PARAGRAPH_SEPARATOR
                            || (Character.isSurrogate(c) && !validPair(text, i))) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.toString();
    }

    private static boolean validPair(String s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
        }
        return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
    }
}
