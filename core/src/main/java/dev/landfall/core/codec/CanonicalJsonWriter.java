package dev.landfall.core.codec;

import dev.landfall.core.io.Utf8;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.Optional;

/**
 * Writes JSON exactly as JavaScript's {@code JSON.stringify} does without indentation: no
 * whitespace, numbers as {@link JsNumberFormat}, and strings with only {@code "}, {@code \},
 * control characters and lone surrogates escaped ({@code \b \f \n \r \t} short, the rest as
 * lower-case {@code \}{@code u00xx} / {@code \}{@code udxxx}); everything else is literal UTF-8.
 *
 * <p>Commas are placed automatically. Not thread-safe; call {@link #flush()} at the end.
 */
final class CanonicalJsonWriter {
    private static final byte[] HEX = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private final OutputStream out;
    private final byte[] buf;
    private int pos;
    /** Per open container: whether the next value needs a comma before it. */
    private boolean[] needsComma = new boolean[32];

    private final boolean replaceLoneSurrogates;
    private int depth;
    private boolean afterName;

    /** A writer of canonical typed JSON, which keeps lone surrogates as escapes. */
    CanonicalJsonWriter(OutputStream out) {
        this(out, false);
    }

    /**
     * A writer that, with {@code replaceLoneSurrogates}, writes U+FFFD for each lone surrogate, so
     * the output is also valid for strict readers (I-JSON, PostgreSQL {@code jsonb}).
     */
    CanonicalJsonWriter(OutputStream out, boolean replaceLoneSurrogates) {
        this(out, replaceLoneSurrogates, 8192);
    }

    /**
     * As above, with a buffer of {@code bufferSize} bytes (at least 4): a small one for a value
     * written to memory, where a large one would cost more to allocate than the value to write.
     */
    CanonicalJsonWriter(OutputStream out, boolean replaceLoneSurrogates, int bufferSize) {
        this.out = out;
        this.replaceLoneSurrogates = replaceLoneSurrogates;
        this.buf = new byte[Math.max(4, bufferSize)];
    }

    void beginObject() throws IOException {
        beforeValue();
        open('{');
    }

    void endObject() throws IOException {
        close('}');
    }

    void beginArray() throws IOException {
        beforeValue();
        open('[');
    }

    void endArray() throws IOException {
        close(']');
    }

    /** A member name; the next call writes its value. */
    void name(String name) throws IOException {
        beforeValue();
        quoted(name);
        put((byte) ':');
        afterName = true;
    }

    void string(String value) throws IOException {
        beforeValue();
        quoted(value);
    }

    /** The text, or {@code null} when there is none. */
    void stringOrNull(Optional<String> value) throws IOException {
        if (value.isPresent()) {
            string(value.get());
        } else {
            nullValue();
        }
    }

    /** A member whose value is a string. */
    void member(String name, String value) throws IOException {
        name(name);
        string(value);
    }

    /** A finite number in JavaScript's spelling ({@code -0} is written {@code 0}). */
    void number(double value) throws IOException {
        ascii(JsNumberFormat.format(value));
    }

    void integer(long value) throws IOException {
        ascii(Long.toString(value));
    }

    void bool(boolean value) throws IOException {
        ascii(value ? "true" : "false");
    }

    void nullValue() throws IOException {
        ascii("null");
    }

    /** Writes buffered bytes through; does not flush or close the underlying stream. */
    void flush() throws IOException {
        out.write(buf, 0, pos);
        pos = 0;
    }

    private void ascii(String text) throws IOException {
        beforeValue();
        for (int i = 0; i < text.length(); i++) {
            put((byte) text.charAt(i));
        }
    }

    private void beforeValue() throws IOException {
        if (afterName) {
            afterName = false;
            return;
        }
        if (depth > 0) {
            if (needsComma[depth - 1]) {
                put((byte) ',');
            }
            needsComma[depth - 1] = true;
        }
    }

    private void open(char bracket) throws IOException {
        put((byte) bracket);
        if (depth == needsComma.length) {
            needsComma = Arrays.copyOf(needsComma, depth * 2);
        }
        needsComma[depth++] = false;
    }

    private void close(char bracket) throws IOException {
        depth--;
        put((byte) bracket);
    }

    private void quoted(String s) throws IOException {
        put((byte) '"');
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c < 0x80) {
                if (c == '"' || c == '\\') {
                    put((byte) '\\');
                }
                put((byte) c);
            } else if (c < 0x20) {
                control(c);
            } else if (!Character.isSurrogate(c)) {
                utf8(c);
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                utf8(Character.toCodePoint(c, s.charAt(++i)));
            } else if (replaceLoneSurrogates) {
                utf8('\ufffd');
            } else {
                unicodeEscape(c); // a lone surrogate, as well-formed JSON.stringify writes it
            }
        }
        put((byte) '"');
    }

    private void control(char c) throws IOException {
        char shortForm = switch (c) {
            case '\b' -> 'b';
            case '\f' -> 'f';
            case '\n' -> 'n';
            case '\r' -> 'r';
            case '\t' -> 't';
            default -> 0;
        };
        if (shortForm != 0) {
            put((byte) '\\');
            put((byte) shortForm);
        } else {
            unicodeEscape(c);
        }
    }

    private void unicodeEscape(char c) throws IOException {
        put((byte) '\\');
        put((byte) 'u');
        put(HEX[(c >> 12) & 0xf]);
        put(HEX[(c >> 8) & 0xf]);
        put(HEX[(c >> 4) & 0xf]);
        put(HEX[c & 0xf]);
    }

    private void utf8(int codePoint) throws IOException {
        if (pos + 4 > buf.length) {
            flush();
        }
        pos = Utf8.write(codePoint, buf, pos);
    }

    private void put(byte b) throws IOException {
        if (pos == buf.length) {
            flush();
        }
        buf[pos++] = b;
    }
}
