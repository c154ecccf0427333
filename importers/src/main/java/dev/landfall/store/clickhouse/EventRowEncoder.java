package dev.landfall.store.clickhouse;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import dev.landfall.core.io.JsonProblem;
import dev.landfall.core.io.Utf8;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Turns one NDJSON event into one row of ClickHouse's TabSeparated format, checking every value
 * against its column first, so the server is only ever sent rows it accepts: a load never stops
 * half-way on a value the client could have caught. Fields the table lacks are ignored and
 * counted; a field the row lacks loads as NULL (Nullable columns) or the type's zero (strings and
 * numbers); a missing time in a non-Nullable time column is a bad event, since a zero date in an
 * event table is garbage.
 *
 * <p>Times go out as Unix seconds for {@code DateTime} (no time zone to get wrong) and as text in
 * the column's zone (or the server's, when the type names none) for {@code DateTime64}.
 *
 * <p>One thread; the encoder reuses its buffers between lines.
 */
final class EventRowEncoder {
    private static final byte[] NULL = {'\\', 'N'};
    private static final BigInteger UINT64_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
    private static final long UINT32_MAX = 0xFFFF_FFFFL;
    // TabSeparated escapes: the letter after a backslash for each ASCII character that needs one, else 0.
    private static final byte[] ESCAPES = new byte[0x80];

    static {
        ESCAPES['\\'] = '\\';
        ESCAPES['\t'] = 't';
        ESCAPES['\n'] = 'n';
        ESCAPES['\r'] = 'r';
        ESCAPES['\0'] = '0';
    }

    private final List<Column> columns;
    private final Map<String, Integer> index = new HashMap<>();
    private final DateTimeFormatter[] formatters;
    private final JsonFactory json;
    // Per column: the field's TabSeparated bytes for the current line, reused between lines, so a
    // line costs no String per value (this loop runs once per field of every event).
    private final byte[][] bytes;
    private final int[] lengths;
    private final byte[] state; // 0: absent, 1: value, 2: NULL
    private final TreeSet<String> ignored = new TreeSet<>();
    private long ignoredCount;

    /**
     * @param schema the table's columns, in the order the rows are written
     * @param serverZone the server's time zone, for {@code DateTime64} columns that name none
     */
    EventRowEncoder(EventSchema schema, ZoneId serverZone) {
        this.columns = schema.columns();
        this.bytes = new byte[columns.size()][64];
        this.lengths = new int[columns.size()];
        this.state = new byte[columns.size()];
        this.formatters = new DateTimeFormatter[columns.size()];
        for (int i = 0; i < columns.size(); i++) {
            Column c = columns.get(i);
            index.put(c.name(), i);
            if (c.type().kind() == ColumnType.Kind.DATETIME64) {
                ZoneId zone = c.type()
                        .zone()
                        .map(ZoneId::of)
                        .orElseGet(() -> Objects.requireNonNull(serverZone, "serverZone"));
                String pattern = "yyyy-MM-dd HH:mm:ss"
                        + (c.type().precision() > 0 ? "." + "S".repeat(c.type().precision()) : "");
                formatters[i] = DateTimeFormatter.ofPattern(pattern).withZone(zone);
            }
        }
        this.json = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(200)
                        .maxStringLength(64 * 1024 * 1024)
                        .build())
                .build();
    }

    /**
     * Encodes one line into one TabSeparated row ending in a newline, or writes nothing.
     *
     * @throws BadEvent the line is no JSON object or a value does not fit its column
     */
    void encode(byte[] line, int offset, int length, OutputStream out) throws BadEvent, IOException {
        Arrays.fill(state, (byte) 0);
        try (JsonParser p = json.createParser(line, offset, length)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new BadEvent("not a JSON object");
            }
            for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
                String name = p.currentName();
                p.nextToken();
                Integer i = index.get(name);
                if (i == null) {
                    noteIgnored(name);
                    p.skipChildren();
                    continue;
                }
                value(p, i);
            }
            if (p.nextToken() != null) {
                throw new BadEvent("text after the JSON object");
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new BadEvent("not valid JSON: " + JsonProblem.describe(e));
        }
        for (int i = 0; i < state.length; i++) {
            ColumnType type = columns.get(i).type();
            if (state[i] == 0 && !type.nullable() && type.kind().time()) {
                throw new BadEvent(
                        "field '" + columns.get(i).name() + "' is missing (its column " + type + " is not Nullable)");
            }
        }
        for (int i = 0; i < state.length; i++) {
            if (i > 0) {
                out.write('\t');
            }
            if (state[i] == 1) {
                out.write(bytes[i], 0, lengths[i]);
                continue;
            }
            ColumnType type = columns.get(i).type();
            if (type.nullable()) {
                out.write(NULL);
            } else if (type.kind() != ColumnType.Kind.STRING) {
                out.write('0');
            }
        }
        out.write('\n');
    }

    /** Fields that events had and the table lacks, by name (at most 20 names). */
    List<String> ignoredFields() {
        return List.copyOf(ignored);
    }

    /** How many field values were ignored because the table has no column for them. */
    long ignoredCount() {
        return ignoredCount;
    }

    private void noteIgnored(String name) {
        ignoredCount++;
        if (ignored.size() < 20) {
            ignored.add(name);
        }
    }

    // Stores the field's TabSeparated bytes (escaped) in column i, or marks it NULL.
    private void value(JsonParser p, int i) throws IOException, BadEvent {
        Column column = columns.get(i);
        ColumnType type = column.type();
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NULL) {
            if (!type.nullable()) {
                throw new BadEvent("field '" + column.name() + "' is null but its column " + type + " is not Nullable");
            }
            state[i] = 2;
            return;
        }
        try {
            lengths[i] = 0;
            if (type.kind() == ColumnType.Kind.STRING) {
                if (t == JsonToken.VALUE_STRING) {
                    putEscaped(i, p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
                } else {
                    String text = text(p, t);
                    putEscaped(i, text.toCharArray(), 0, text.length());
                }
            } else if (type.kind().integral()
                    && t == JsonToken.VALUE_NUMBER_INT
                    && p.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
                long v = p.getLongValue();
                if (!fits(v, type.kind())) {
                    throw new BadEvent(v + " is out of range");
                }
                putAscii(i, p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
            } else {
                String v = switch (type.kind()) {
                    case FLOAT32, FLOAT64 -> floating(p, t);
                    case DATE -> date(p, t);
                    case DATETIME -> dateTime(p, t);
                    case DATETIME64 -> formatters[i].format(instant(p, t));
                    default -> integral(p, t, type.kind());
                };
                putAscii(i, v.toCharArray(), 0, v.length());
            }
            state[i] = 1;
        } catch (BadEvent e) {
            throw new BadEvent("field '" + column.name() + "': " + e.getMessage() + " (column " + type + ")");
        }
    }

    private void putAscii(int i, char[] c, int off, int len) {
        byte[] b = room(i, len);
        int n = lengths[i];
        for (int k = 0; k < len; k++) {
            b[n++] = (byte) c[off + k];
        }
        lengths[i] = n;
    }

    // UTF-8 with TabSeparated escapes, straight from the parser's characters.
    private void putEscaped(int i, char[] c, int off, int len) {
        byte[] b = room(i, len * 3 + 2);
        int n = lengths[i];
        for (int k = off, end = off + len; k < end; k++) {
            char ch = c[k];
            if (ch < 0x80) {
                byte escape = ESCAPES[ch];
                if (escape != 0) {
                    b[n++] = '\\';
                    b[n++] = escape;
                } else {
                    b[n++] = (byte) ch;
                }
            } else if (Character.isHighSurrogate(ch) && k + 1 < end && Character.isLowSurrogate(c[k + 1])) {
                n = Utf8.write(Character.toCodePoint(ch, c[++k]), b, n);
            } else {
                // A lone surrogate: U+FFFD, as String.getBytes does.
                n = Utf8.write(Character.isSurrogate(ch) ? '\uFFFD' : ch, b, n);
            }
        }
        lengths[i] = n;
    }

    private byte[] room(int i, int more) {
        if (lengths[i] + more > bytes[i].length) {
            bytes[i] = Arrays.copyOf(bytes[i], Math.max(bytes[i].length * 2, lengths[i] + more));
        }
        return bytes[i];
    }

    private String text(JsonParser p, JsonToken t) throws IOException {
        if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
            // Nested JSON is kept as its compact text; ClickHouse's JSON functions read it.
            StringWriter w = new StringWriter();
            try (JsonGenerator g = json.createGenerator(w)) {
                g.copyCurrentStructure(p);
            }
            return w.toString();
        }
        return p.getText();
    }

    private static String floating(JsonParser p, JsonToken t) throws IOException, BadEvent {
        if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
            return p.getText();
        }
        if (t == JsonToken.VALUE_STRING) {
            String s = p.getText().trim();
            try {
                double d = Double.parseDouble(s);
                return Double.isNaN(d) ? "nan" : Double.isInfinite(d) ? (d > 0 ? "inf" : "-inf") : Double.toString(d);
            } catch (NumberFormatException e) {
                throw new BadEvent("'" + clip(s) + "' is not a number");
            }
        }
        throw new BadEvent(describe(t) + " is not a number");
    }

    private static String integral(JsonParser p, JsonToken t, ColumnType.Kind kind) throws IOException, BadEvent {
        BigInteger v;
        if (t == JsonToken.VALUE_NUMBER_INT) {
            v = p.getBigIntegerValue();
        } else if (t == JsonToken.VALUE_TRUE || t == JsonToken.VALUE_FALSE) {
            v = t == JsonToken.VALUE_TRUE ? BigInteger.ONE : BigInteger.ZERO;
        } else if (t == JsonToken.VALUE_STRING) {
            try {
                v = new BigInteger(p.getText().trim());
            } catch (NumberFormatException e) {
                throw new BadEvent("'" + clip(p.getText()) + "' is not an integer");
            }
        } else {
            throw new BadEvent(describe(t) + " is not an integer");
        }
        if (!fits(v, kind)) {
            throw new BadEvent(v + " is out of range");
        }
        return v.toString();
    }

    static boolean fits(long v, ColumnType.Kind kind) {
        return switch (kind) {
            case INT8 -> v >= Byte.MIN_VALUE && v <= Byte.MAX_VALUE;
            case INT16 -> v >= Short.MIN_VALUE && v <= Short.MAX_VALUE;
            case INT32 -> v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE;
            case INT64 -> true;
            case UINT8 -> v >= 0 && v <= 0xFF;
            case UINT16 -> v >= 0 && v <= 0xFFFF;
            case UINT32 -> v >= 0 && v <= UINT32_MAX;
            case UINT64 -> v >= 0;
            default -> false;
        };
    }

    static boolean fits(BigInteger v, ColumnType.Kind kind) {
        return switch (kind) {
            case INT8 -> v.bitLength() < 8;
            case INT16 -> v.bitLength() < 16;
            case INT32 -> v.bitLength() < 32;
            case INT64 -> v.bitLength() < 64;
            case UINT8 -> v.signum() >= 0 && v.bitLength() <= 8;
            case UINT16 -> v.signum() >= 0 && v.bitLength() <= 16;
            case UINT32 -> v.signum() >= 0 && v.bitLength() <= 32;
            case UINT64 -> v.signum() >= 0 && v.compareTo(UINT64_MAX) <= 0;
            default -> false;
        };
    }

    private static String date(JsonParser p, JsonToken t) throws IOException, BadEvent {
        if (t == JsonToken.VALUE_STRING) {
            Optional<LocalDate> d = TimeText.date(p.getText());
            if (d.isPresent()) {
                return checkDate(d.get()).toString();
            }
        }
        return checkDate(LocalDate.ofInstant(instant(p, t), ZoneOffset.UTC)).toString();
    }

    private static LocalDate checkDate(LocalDate d) throws BadEvent {
        if (d.getYear() < 1970 || d.getYear() > 2148) {
            throw new BadEvent(d + " is outside the Date range 1970..2148");
        }
        return d;
    }

    private static String dateTime(JsonParser p, JsonToken t) throws IOException, BadEvent {
        long s = instant(p, t).getEpochSecond();
        if (s < 0 || s > UINT32_MAX) {
            throw new BadEvent(Instant.ofEpochSecond(s) + " is outside the DateTime range 1970..2106");
        }
        return Long.toString(s);
    }

    private static Instant instant(JsonParser p, JsonToken t) throws IOException, BadEvent {
        if (t == JsonToken.VALUE_STRING) {
            String s = p.getText();
            Optional<TimeText.Parsed> parsed = TimeText.dateTime(s);
            if (parsed.isPresent()) {
                return parsed.get().instant();
            }
            Optional<LocalDate> d = TimeText.date(s);
            if (d.isPresent()) {
                return d.get().atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            throw new BadEvent("'" + clip(s) + "' is not an ISO-8601 time");
        }
        if (t == JsonToken.VALUE_NUMBER_INT && p.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
            return TimeText.epoch(p.getLongValue());
        }
        throw new BadEvent(describe(t) + " is not a time");
    }

    private static String describe(JsonToken t) {
        return switch (t) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_STRING -> "a string";
            default -> "a number";
        };
    }

    private static String clip(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "…";
    }
}
