package dev.landfall.core.codec;

import dev.landfall.core.io.Utf8;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Finds where a value of canonical typed JSON ends in a byte array, checking on the way that the
 * bytes are already exactly what {@link TypedJsonEncoder#encode} would write for what {@link
 * TypedJsonDecoder} reads from them. A reader that has such bytes can keep them as they are instead
 * of decoding and encoding again, which is most of the work of exporting a Durable Object.
 *
 * <p>It vouches only for a common subset: plain JSON values without whitespace, strings whose only
 * escapes are the ones {@code JSON.stringify} writes for {@code "}, {@code \} and control
 * characters, object member names that are not array indices, and the tags {@code Date} and
 * {@code Set} (of JSON scalars). For anything else, canonical or not, it answers -1, and the caller
 * decodes and encodes as before, so the bytes kept are the same either way and every error still
 * comes from the decoder.
 *
 * <p>Stateless and thread-safe.
 */
public final class CanonicalTypedJson {
    /** Deeper values are left to the decoder, which applies the parser's nesting limit. */
    private static final int MAX_DEPTH = 256;
    /** Longer strings are left to the decoder, which applies the parser's string length limit. */
    private static final int MAX_STRING_BYTES = 1 << 20;
    /** Sets and objects up to this size are checked for duplicates pairwise, larger ones by hashing. */
    private static final int PAIRWISE = 8;

    /**
     * Member names longer than this are left to the decoder: Jackson's default name length limit
     * (50,000 characters, so at least as many bytes) applies to the pages the export Worker sends.
     */
    private static final int MAX_NAME_BYTES = 50_000;

    private static final Pattern BIGINT = Pattern.compile("-?(0|[1-9][0-9]*)");
    private static final byte[] TAG_NAME = bytes("\"$t\"");
    private static final byte[] TAGGED = bytes("{\"$t\":\"");
    private static final byte[] V = bytes(",\"v\":");
    private static final byte[] VIEW = bytes(",\"view\":");
    private static final byte[] B64 = bytes(",\"b64\":");
    private static final byte[] NULL = bytes("null");
    private static final byte[] TRUE = bytes("true");
    private static final byte[] FALSE = bytes("false");

    private CanonicalTypedJson() {}

    /**
     * The end (exclusive) of the value that starts at {@code from}, when {@code json[from, end)} is
     * canonical typed JSON of the subset above; -1 when it is not, or cannot be told without
     * decoding. Reads no further than {@code limit}.
     */
    public static int end(byte[] json, int from, int limit) {
        if (from < 0 || limit > json.length || from > limit) {
            throw new IndexOutOfBoundsException("from " + from + ", limit " + limit + ", length " + json.length);
        }
        return value(json, from, limit, 0);
    }

    /**
     * The end (exclusive) of the JSON string that starts at {@code from} (its opening quote), when
     * its bytes are strictly valid UTF-8 with no escape at all, so that they are its text as they
     * stand; -1 otherwise.
     */
    public static int plainStringEnd(byte[] json, int from, int limit) {
        if (from >= limit || json[from] != '"') {
            return -1;
        }
        int i = from + 1;
        while (i < limit) {
            int b = json[i] & 0xff;
            if (b == '"') {
                return i + 1;
            }
            if (b == '\\' || b < 0x20) {
                return -1;
            }
            i = b < 0x80 ? i + 1 : Utf8.sequenceEnd(json, i, limit);
            if (i < 0) {
                return -1;
            }
        }
        return -1;
    }

    private static int value(byte[] b, int i, int limit, int depth) {
        if (i >= limit || depth > MAX_DEPTH) {
            return -1;
        }
        switch (b[i]) {
            case '{':
                return object(b, i, limit, depth);
            case '[':
                return array(b, i, limit, depth);
            case '"':
                return string(b, i, limit);
            case 'n':
                return literal(b, i, limit, NULL);
            case 't':
                return literal(b, i, limit, TRUE);
            case 'f':
                return literal(b, i, limit, FALSE);
            default:
                return number(b, i, limit);
        }
    }

    private static int array(byte[] b, int i, int limit, int depth) {
        return list(b, i, limit, (byte) ']', from -> value(b, from, limit, depth + 1));
    }

    private static int object(byte[] b, int start, int limit, int depth) {
        if (startsWith(b, start, limit, TAGGED)) {
            return tagged(b, start + TAGGED.length - 1, limit, depth);
        }
        Distinct names = new Distinct();
        return list(b, start, limit, (byte) '}', from -> {
            int nameEnd = string(b, from, limit);
            // "$t" anywhere, or a name JavaScript orders as an array index, is the decoder's to read.
            if (nameEnd < 0
                    || nameEnd >= limit
                    || b[nameEnd] != ':'
                    || nameEnd - from > MAX_NAME_BYTES
                    || isDigit(b[from + 1])
                    || Arrays.equals(b, from, nameEnd, TAG_NAME, 0, TAG_NAME.length)
                    || !names.add(b, from, nameEnd)) {
                return -1;
            }
            return value(b, nameEnd + 1, limit, depth + 1);
        });
    }

    /** Reads one element of a list from {@code from}: where it ends, or -1. */
    @FunctionalInterface
    private interface Element {
        int end(int from);
    }

    /**
     * The end of the list whose opener is at {@code i} (the caller checked it): elements separated
     * by commas, then {@code close}; -1 for anything else. Arrays, objects, Sets and Maps are all
     * written this way, so their syntax is read here once.
     */
    private static int list(byte[] b, int i, int limit, byte close, Element element) {
        i++; // the opener
        if (i < limit && b[i] == close) {
            return i + 1;
        }
        while (true) {
            i = element.end(i);
            if (i < 0 || i >= limit) {
                return -1;
            }
            if (b[i] == close) {
                return i + 1;
            }
            if (b[i] != ',') {
                return -1;
            }
            i++;
        }
    }

    /** From the tag's opening quote: the members the encoder writes for it, in its order. */
    private static int tagged(byte[] b, int i, int limit, int depth) {
        int tagEnd = plainStringEnd(b, i, limit);
        if (tagEnd < 0) {
            return -1;
        }
        String tag = new String(b, i + 1, tagEnd - i - 2, StandardCharsets.US_ASCII);
        if (tag.equals(TypedJson.UNDEFINED)) {
            return closed(b, tagEnd, limit);
        }
        if (tag.equals(TypedJson.BYTES)) {
            return bytesValue(b, tagEnd, limit);
        }
        if (!startsWith(b, tagEnd, limit, V)) {
            return -1;
        }
        int v = tagEnd + V.length;
        switch (tag) {
            case TypedJson.NUMBER:
                return closed(
                        b,
                        stringMatching(
                                b, v, limit, t -> SpecialNumber.fromText(t).isPresent()),
                        limit);
            case TypedJson.BIGINT:
                return closed(
                        b, stringMatching(b, v, limit, t -> BIGINT.matcher(t).matches() && !t.equals("-0")), limit);
            case TypedJson.DATE:
                return closed(b, date(b, v, limit), limit);
            case TypedJson.SET:
                return closed(b, set(b, v, limit), limit);
            case TypedJson.MAP:
                return closed(b, map(b, v, limit, depth), limit);
            default:
                return -1;
        }
    }

    /** The end after the closing brace expected at {@code i}, or -1. */
    private static int closed(byte[] b, int i, int limit) {
        return i >= 0 && i < limit && b[i] == '}' ? i + 1 : -1;
    }

    /** A string without escapes whose text passes {@code test}. */
    private static int stringMatching(byte[] b, int i, int limit, Predicate<String> test) {
        int end = plainStringEnd(b, i, limit);
        if (end < 0 || end - i > MAX_NAME_BYTES) {
            return -1;
        }
        return test.test(new String(b, i + 1, end - i - 2, StandardCharsets.UTF_8)) ? end : -1;
    }

    /** The text of {@code toISOString()} or null. */
    private static int date(byte[] b, int i, int limit) {
        if (startsWith(b, i, limit, NULL)) {
            return i + NULL.length;
        }
        // JsDateFormat.parse takes only the exact text toISOString() gives, which the encoder writes.
        return stringMatching(b, i, limit, text -> {
            try {
                DateValue.ofEpochMillis(JsDateFormat.parse(text));
                return true;
            } catch (RuntimeException e) {
                return false;
            }
        });
    }

    /** After {@code ,}: {@code "view":"…","b64":"…"} as the encoder writes them for a valid view. */
    private static int bytesValue(byte[] b, int i, int limit) {
        if (!startsWith(b, i, limit, VIEW)) {
            return -1;
        }
        int viewFrom = i + VIEW.length;
        int viewEnd = plainStringEnd(b, viewFrom, limit);
        if (viewEnd < 0 || !startsWith(b, viewEnd, limit, B64)) {
            return -1;
        }
        int b64From = viewEnd + B64.length;
        int b64End = plainStringEnd(b, b64From, limit);
        if (b64End < 0 || b64End - b64From > MAX_STRING_BYTES) {
            return -1;
        }
        String view = new String(b, viewFrom + 1, viewEnd - viewFrom - 2, StandardCharsets.UTF_8);
        String b64 = new String(b, b64From + 1, b64End - b64From - 2, StandardCharsets.ISO_8859_1);
        try {
            BytesValue value = new BytesValue(ViewType.fromJsName(view).orElseThrow(), Base64Text.decode(b64));
            if (!value.view().jsName().equals(view)
                    || !Base64.getEncoder().encodeToString(value.bytes()).equals(b64)) {
                return -1;
            }
        } catch (RuntimeException e) {
            return -1;
        }
        return closed(b, b64End, limit);
    }

    /**
     * A Set's elements: JSON scalars only, whose canonical bytes are equal exactly when the values
     * are the same value (SameValueZero; {@code -0} is tagged, so never here).
     */
    private static int set(byte[] b, int i, int limit) {
        if (i >= limit || b[i] != '[') {
            return -1;
        }
        Distinct elements = new Distinct();
        return list(b, i, limit, (byte) ']', from -> {
            int end = scalar(b, from, limit);
            return end < 0 || end >= limit || !elements.add(b, from, end) ? -1 : end;
        });
    }

    /** A Map's {@code [key, value]} pairs: keys as a Set's elements, values anything this reads. */
    private static int map(byte[] b, int i, int limit, int depth) {
        if (i >= limit || b[i] != '[') {
            return -1;
        }
        Distinct keys = new Distinct();
        return list(b, i, limit, (byte) ']', from -> {
            if (from >= limit || b[from] != '[') {
                return -1;
            }
            int keyEnd = scalar(b, from + 1, limit);
            if (keyEnd < 0 || keyEnd >= limit || b[keyEnd] != ',' || !keys.add(b, from + 1, keyEnd)) {
                return -1;
            }
            int end = value(b, keyEnd + 1, limit, depth + 2);
            return end < 0 || end >= limit || b[end] != ']' ? -1 : end + 1;
        });
    }

    /** A JSON string, number, boolean or null. */
    private static int scalar(byte[] b, int i, int limit) {
        if (i >= limit || b[i] == '{' || b[i] == '[') {
            return -1;
        }
        return value(b, i, limit, 0);
    }

    /**
     * Spans of canonical bytes seen so far, to tell repeats: for canonical text, equal bytes mean
     * equal names, and equal scalars. A few are compared pairwise, more through a hash set.
     */
    private static final class Distinct {
        private final int[] spans = new int[2 * PAIRWISE];
        private int count;
        private Set<String> many;

        /** Adds {@code b[from, to)}; false if it was there already. */
        boolean add(byte[] b, int from, int to) {
            if (count < PAIRWISE) {
                for (int k = 0; k < count; k++) {
                    if (Arrays.equals(b, spans[2 * k], spans[2 * k + 1], b, from, to)) {
                        return false;
                    }
                }
                spans[2 * count] = from;
                spans[2 * count + 1] = to;
                count++;
                return true;
            }
            if (many == null) {
                many = new HashSet<>();
                for (int k = 0; k < PAIRWISE; k++) {
                    many.add(latin1(b, spans[2 * k], spans[2 * k + 1]));
                }
            }
            return many.add(latin1(b, from, to));
        }
    }

    /** A string with only the escapes {@code JSON.stringify} writes for non-surrogates. */
    private static int string(byte[] b, int from, int limit) {
        if (from >= limit || b[from] != '"') {
            return -1;
        }
        int max = (int) Math.min(limit, (long) from + MAX_STRING_BYTES);
        int i = from + 1;
        while (i < max) {
            int c = b[i] & 0xff;
            if (c == '"') {
                return i + 1;
            }
            if (c < 0x20) {
                return -1;
            }
            if (c == '\\') {
                i = escape(b, i, max);
            } else {
                i = c < 0x80 ? i + 1 : Utf8.sequenceEnd(b, i, max);
            }
            if (i < 0) {
                return -1;
            }
        }
        return -1;
    }

    /** The escape at {@code i} as the encoder writes it: {@code \" \\ \b \f \n \r \t} or {@code \}u00xx. */
    private static int escape(byte[] b, int i, int limit) {
        if (i + 1 >= limit) {
            return -1;
        }
        switch (b[i + 1]) {
            case '"', '\\', 'b', 'f', 'n', 'r', 't':
                return i + 2;
            case 'u':
                break;
            default:
                return -1;
        }
        if (i + 6 > limit || b[i + 2] != '0' || b[i + 3] != '0') {
            return -1;
        }
        int high = b[i + 4];
        int low = hexDigit(b[i + 5]);
        if ((high != '0' && high != '1') || low < 0) {
            return -1;
        }
        int c = (high - '0') * 16 + low;
        // These have short forms, which the encoder writes instead.
        return c == '\b' || c == '\f' || c == '\n' || c == '\r' || c == '\t' ? -1 : i + 6;
    }

    /** Lower-case hex only, as the encoder writes it. */
    private static int hexDigit(byte c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
    }

    /**
     * A number spelled as JavaScript spells it: short integers directly, anything else by reading
     * it and formatting it back. {@code -0} and numbers out of range are left to the decoder.
     */
    private static int number(byte[] b, int from, int limit) {
        int i = from;
        if (i < limit && b[i] == '-') {
            i++;
        }
        int digitsFrom = i;
        while (i < limit && isDigit(b[i])) {
            i++;
        }
        int digits = i - digitsFrom;
        if (digits == 0 || (b[digitsFrom] == '0' && digits > 1)) {
            return -1;
        }
        boolean plainInteger = i >= limit || (b[i] != '.' && b[i] != 'e' && b[i] != 'E');
        if (plainInteger && digits <= 15) {
            // Below 10^15 every integer is a double JavaScript writes with exactly these digits.
            return b[digitsFrom] == '0' && i - from > 1 ? -1 : i; // "-0" is the decoder's
        }
        while (i < limit
                && (isDigit(b[i]) || b[i] == '.' || b[i] == 'e' || b[i] == 'E' || b[i] == '+' || b[i] == '-')) {
            i++;
        }
        String text = new String(b, from, i - from, StandardCharsets.US_ASCII);
        double d;
        try {
            d = Double.parseDouble(text);
        } catch (NumberFormatException e) {
            return -1;
        }
        if (!Double.isFinite(d) || d == 0 || !JsNumberFormat.format(d).equals(text)) {
            return -1;
        }
        return i;
    }

    private static int literal(byte[] b, int i, int limit, byte[] word) {
        return startsWith(b, i, limit, word) ? i + word.length : -1;
    }

    private static boolean startsWith(byte[] b, int i, int limit, byte[] prefix) {
        return i + prefix.length <= limit && Arrays.equals(b, i, i + prefix.length, prefix, 0, prefix.length);
    }

    private static boolean isDigit(byte c) {
        return c >= '0' && c <= '9';
    }

    private static String latin1(byte[] b, int from, int to) {
        return new String(b, from, to - from, StandardCharsets.ISO_8859_1);
    }

    private static byte[] bytes(String ascii) {
        return ascii.getBytes(StandardCharsets.US_ASCII);
    }
}
