package dev.landfall.core.report;

import dev.landfall.core.text.VisibleText;

/**
 * Keys as a report prints them: a JSON string literal, so control characters, escape sequences and
 * invisible characters in a key can neither corrupt a terminal nor hide. Stricter than {@link
 * VisibleText}, which other account-supplied text goes through: a key names one exact entry, so
 * every format character is shown, the zero-width joiner too.
 */
public final class Quoted {
    private Quoted() {}

    /** The text as a JSON string literal, with every control and format character escaped. */
    public static String of(String text) {
        StringBuilder sb = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            if (cp == '"' || cp == '\\') {
                sb.append('\\').append((char) cp);
            } else if (VisibleText.isUnsafe(cp) || Character.getType(cp) == Character.FORMAT) {
                VisibleText.appendEscape(sb, cp);
            } else {
                sb.appendCodePoint(cp);
            }
            i += Character.charCount(cp);
        }
        return sb.append('"').toString();
    }
}
