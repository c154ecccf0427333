package dev.landfall.core.text;

import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;

/**
 * JSON escaping for reports: besides the controls below U+0020 that JSON itself requires, DEL, C1
 * controls, bidirectional controls and the other characters {@link VisibleText} escapes are
 * written as {@code \\uXXXX}, so a {@code --json} document on a terminal cannot act on it. The
 * document stays valid JSON and parses to exactly the same strings.
 */
public final class JsonEscapes extends CharacterEscapes {
    private final int[] ascii;

    public JsonEscapes() {
        ascii = standardAsciiEscapesForJSON();
        ascii[0x7f] = ESCAPE_STANDARD;
    }

    /**
     * JSON text such as a key's metadata, to be embedded raw, with the same characters escaped: a
     * control below U+0020 can only be whitespace between tokens in valid JSON and becomes a space;
     * any other can only be inside a string and becomes its {@code \\uXXXX} escape. Valid JSON
     * stays valid and means the same.
     */
    public static String rawJson(String json) {
        if (json.codePoints().noneMatch(VisibleText::isUnsafe)) {
            return json;
        }
        StringBuilder sb = new StringBuilder(json.length() + 16);
        for (int i = 0; i < json.length(); ) {
            int cp = json.codePointAt(i);
            if (cp < 0x20) {
                sb.append(' ');
            } else if (VisibleText.isUnsafe(cp)) {
                VisibleText.appendEscape(sb, cp);
            } else {
                sb.appendCodePoint(cp);
            }
            i += Character.charCount(cp);
        }
        return sb.toString();
    }

    @Override
    public int[] getEscapeCodesForAscii() {
        return ascii;
    }

    @Override
    public SerializableString getEscapeSequence(int ch) {
        // Jackson asks per UTF-16 unit, so a surrogate here may be half of a valid pair: left as is.
        if (Character.isSurrogate((char) ch) || !VisibleText.isUnsafe(ch)) {
            return null;
        }
        StringBuilder sb = new StringBuilder(6);
        VisibleText.appendEscape(sb, ch);
        return new SerializedString(sb.toString());
    }
}
