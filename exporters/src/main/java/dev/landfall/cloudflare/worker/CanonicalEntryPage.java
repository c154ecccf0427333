package dev.landfall.cloudflare.worker;

import dev.landfall.core.codec.CanonicalTypedJson;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Reads an {@code entries} answer exactly as the export Worker writes it (compact, fields in its
 * order) whose values {@link CanonicalTypedJson} vouches for, keeping each value's bytes as they
 * came: they are the canonical typed JSON that decoding and encoding again would give. Any other
 * answer, such as one with a value the Worker could not encode, a key with an escape, or
 * whitespace, is left to the general reader, so both give the same page.
 */
final class CanonicalEntryPage {
    private static final byte[] HEAD = ascii("{\"entries\":[");
    private static final byte[] KEY = ascii("{\"key\":");
    private static final byte[] VALUE = ascii(",\"value\":");
    private static final byte[] TAIL = ascii("],\"next\":");
    private static final byte[] NULL = ascii("null");

    private CanonicalEntryPage() {}

    /** The page, when {@code body} is in the Worker's own form; empty when the general reader must read it. */
    static Optional<EntryPage> read(byte[] body) {
        int n = body.length;
        if (!at(body, 0, HEAD)) {
            return Optional.empty();
        }
        int i = HEAD.length;
        List<ExportedEntry> entries = new ArrayList<>();
        if (i < n && body[i] != ']') {
            while (true) {
                if (!at(body, i, KEY)) {
                    return Optional.empty();
                }
                int keyFrom = i + KEY.length;
                int keyEnd = CanonicalTypedJson.plainStringEnd(body, keyFrom, n);
                if (keyEnd < 0 || !at(body, keyEnd, VALUE)) {
                    return Optional.empty();
                }
                int valueFrom = keyEnd + VALUE.length;
                int valueEnd = CanonicalTypedJson.end(body, valueFrom, n);
                if (valueEnd < 0 || valueEnd >= n || body[valueEnd] != '}') {
                    return Optional.empty();
                }
                entries.add(new ExportedEntry(
                        text(body, keyFrom, keyEnd), Arrays.copyOfRange(body, valueFrom, valueEnd), Optional.empty()));
                i = valueEnd + 1;
                if (i >= n || body[i] != ',') {
                    break;
                }
                i++;
            }
        }
        if (!at(body, i, TAIL)) {
            return Optional.empty();
        }
        i += TAIL.length;
        Optional<String> next = Optional.empty();
        if (at(body, i, NULL)) {
            i += NULL.length;
        } else {
            int end = CanonicalTypedJson.plainStringEnd(body, i, n);
            if (end < 0) {
                return Optional.empty();
            }
            next = Optional.of(text(body, i, end));
            i = end;
        }
        return i == n - 1 && body[i] == '}' ? Optional.of(new EntryPage(entries, next)) : Optional.empty();
    }

    /** The text of a JSON string without escapes, from its opening quote to its end. */
    private static String text(byte[] b, int from, int end) {
        return new String(b, from + 1, end - from - 2, StandardCharsets.UTF_8);
    }

    private static boolean at(byte[] b, int i, byte[] expected) {
        return i + expected.length <= b.length
                && Arrays.equals(b, i, i + expected.length, expected, 0, expected.length);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
