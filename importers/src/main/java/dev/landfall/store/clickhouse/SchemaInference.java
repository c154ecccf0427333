package dev.landfall.store.clickhouse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Guesses an event table's columns from a sample of events, the way ClickHouse's own schema
 * inference does for JSONEachRow: one column per field in first-seen order, every column
 * Nullable (a field missing or null in some later event still loads), except the sort key.
 *
 * <ul>
 *   <li>strings that all read as ISO-8601 times: {@code DateTime}, or {@code DateTime64(P, 'UTC')}
 *       when some carry fractions of a second and the server has DateTime64 (20.1 and later; on
 *       older servers the fraction is dropped and {@link #warnings()} says so); strings that are
 *       all {@code YYYY-MM-DD}: {@code Date}; other strings: {@code String};
 *   <li>integers: {@code Int64} ({@code UInt64} above its range); any fraction or exponent: {@code
 *       Float64}; booleans: {@code UInt8}; objects and arrays, and fields whose events disagree
 *       (a number here, a string there): {@code String} holding the JSON text;
 *   <li>the sort key: the first time column present and non-null in every sampled event; it is not
 *       Nullable and the table is {@code ORDER BY} it. Without one the table is {@code ORDER BY
 *       tuple()} (insertion order).
 * </ul>
 */
final class SchemaInference {
    private final ObjectMapper mapper = new ObjectMapper();
    private final Map<String, Guess> fields = new LinkedHashMap<>();
    private final boolean dateTime64;
    private final List<String> warnings = new ArrayList<>();
    private long events;

    /** @param dateTime64 whether the server has {@code DateTime64} */
    SchemaInference(boolean dateTime64) {
        this.dateTime64 = dateTime64;
    }

    /** Adds one sampled line; lines that are not JSON objects are left for the load to report. */
    void observe(byte[] line, int offset, int length) {
        JsonNode node;
        try {
            node = mapper.readTree(line, offset, length);
        } catch (java.io.IOException e) {
            return;
        }
        if (node == null || !node.isObject()) {
            return;
        }
        events++;
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            fields.computeIfAbsent(f.getKey(), k -> new Guess()).observe(f.getValue());
        }
    }

    /** How many events were sampled. */
    long events() {
        return events;
    }

    /** The inferred schema, or empty when the sample held no event with a field. */
    Optional<EventSchema> schema() {
        List<Column> columns = new ArrayList<>();
        String key = null;
        for (Map.Entry<String, Guess> f : fields.entrySet()) {
            Guess g = f.getValue();
            ColumnType type = g.type(dateTime64);
            if (key == null && type.kind().time() && g.present == events && !g.nulls) {
                key = f.getKey();
                columns.add(new Column(f.getKey(), type));
            } else {
                columns.add(new Column(f.getKey(), type.asNullable()));
            }
            if (g.fractions > 0 && !dateTime64 && type.kind() == ColumnType.Kind.DATETIME) {
                warnings.add("field '" + f.getKey() + "' has fractions of a second, which DateTime drops: this server"
                        + " has no DateTime64 (20.1+); declare the column as String with --schema to keep them");
            }
        }
        if (columns.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new EventSchema(columns, Optional.ofNullable(key)));
    }

    /** What the inferred schema loses, for the operator. */
    List<String> warnings() {
        return List.copyOf(warnings);
    }

    private static final class Guess {
        long present;
        boolean nulls;
        boolean bools;
        boolean ints;
        boolean unsignedBig;
        boolean floats;
        boolean strings;
        boolean nested;
        boolean allTimes = true;
        boolean allDates = true;
        int fractions;

        void observe(JsonNode v) {
            present++;
            if (v.isNull()) {
                nulls = true;
            } else if (v.isBoolean()) {
                bools = true;
            } else if (v.isIntegralNumber()) {
                ints = true;
                if (v.isBigInteger()) {
                    BigInteger b = v.bigIntegerValue();
                    if (b.signum() >= 0 && EventRowEncoder.fits(b, ColumnType.Kind.UINT64)) {
                        unsignedBig = true;
                    } else {
                        floats = true;
                    }
                }
            } else if (v.isNumber()) {
                floats = true;
            } else if (v.isTextual()) {
                strings = true;
                String s = v.textValue();
                if (TimeText.date(s).isEmpty()) {
                    allDates = false;
                    Optional<TimeText.Parsed> t = TimeText.dateTime(s);
                    if (t.isEmpty()) {
                        allTimes = false;
                    } else {
                        fractions = Math.max(fractions, t.get().fractionDigits());
                    }
                }
            } else {
                nested = true;
            }
        }

        ColumnType type(boolean dateTime64) {
            boolean numbers = ints || floats;
            int kinds = (bools ? 1 : 0) + (numbers ? 1 : 0) + (strings ? 1 : 0) + (nested ? 1 : 0);
            if (kinds != 1) {
                return ColumnType.of(ColumnType.Kind.STRING); // none seen, or a mix: keep the text
            }
            if (bools) {
                return ColumnType.of(ColumnType.Kind.UINT8);
            }
            if (numbers) {
                if (floats) {
                    return ColumnType.of(ColumnType.Kind.FLOAT64);
                }
                return ColumnType.of(unsignedBig ? ColumnType.Kind.UINT64 : ColumnType.Kind.INT64);
            }
            if (strings && allDates) {
                return ColumnType.of(ColumnType.Kind.DATE);
            }
            if (strings && allTimes) {
                if (fractions > 0 && dateTime64) {
                    return ColumnType.dateTime64(fractions <= 3 ? 3 : fractions <= 6 ? 6 : 9);
                }
                return ColumnType.of(ColumnType.Kind.DATETIME);
            }
            return ColumnType.of(ColumnType.Kind.STRING);
        }
    }
}
