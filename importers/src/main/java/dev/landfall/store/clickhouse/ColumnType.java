package dev.landfall.store.clickhouse;

import dev.landfall.core.error.LandfallException;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A ClickHouse column type that the event loader can check and encode: strings, integers, floats,
 * {@code Date}, {@code DateTime}, {@code DateTime64(P)}, each optionally wrapped in {@code
 * Nullable(…)} and strings also in {@code LowCardinality(…)}. Anything else (arrays, maps, tuples,
 * decimals) is refused up front, naming the type, rather than left for the server to reject in
 * the middle of a load.
 *
 * @param sql the type as written in DDL, such as {@code Nullable(DateTime64(3))}
 * @param kind the base type
 * @param nullable whether {@code null} (and a missing field) loads as NULL
 * @param precision digits after the second for {@code DateTime64}, 0 otherwise
 * @param zone the time zone named in a {@code DateTime}/{@code DateTime64} type, if any
 */
public record ColumnType(String sql, Kind kind, boolean nullable, int precision, Optional<String> zone) {
    /** The base types, each with its name in ClickHouse. */
    public enum Kind {
        STRING("String"),
        INT8("Int8"),
        INT16("Int16"),
        INT32("Int32"),
        INT64("Int64"),
        UINT8("UInt8"),
        UINT16("UInt16"),
        UINT32("UInt32"),
        UINT64("UInt64"),
        FLOAT32("Float32"),
        FLOAT64("Float64"),
        DATE("Date"),
        DATETIME("DateTime"),
        DATETIME64("DateTime64");

        private final String sql;

        Kind(String sql) {
            this.sql = sql;
        }

        boolean integral() {
            return ordinal() >= INT8.ordinal() && ordinal() <= UINT64.ordinal();
        }

        boolean time() {
            return this == DATE || this == DATETIME || this == DATETIME64;
        }
    }

    /** The kinds whose name alone is a whole type: all but {@code DateTime64}, which takes a precision. */
    private static final Map<String, Kind> SIMPLE = Arrays.stream(Kind.values())
            .filter(k -> k != Kind.DATETIME64)
            .collect(Collectors.toUnmodifiableMap(k -> k.sql, k -> k));

    private static final Pattern WRAPPED = Pattern.compile("(Nullable|LowCardinality)\\((.*)\\)");
    private static final Pattern DATETIME_TZ = Pattern.compile("DateTime\\(\\s*'([A-Za-z0-9_/+-]+)'\\s*\\)");
    private static final Pattern DATETIME64 =
            Pattern.compile("DateTime64\\(\\s*(\\d)\\s*(?:,\\s*'([A-Za-z0-9_/+-]+)'\\s*)?\\)");

    public ColumnType {
        Objects.requireNonNull(sql, "sql");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(zone, "zone");
    }

    /** A plain (not nullable) type of this kind. */
    public static ColumnType of(Kind kind) {
        return switch (kind) {
            case DATETIME64 -> dateTime64(3);
            default -> new ColumnType(kind.sql, kind, false, 0, Optional.empty());
        };
    }

    /** {@code DateTime64(precision, 'UTC')}: times are written in UTC, whatever the server's zone. */
    public static ColumnType dateTime64(int precision) {
        return new ColumnType(
                "DateTime64(" + precision + ", 'UTC')", Kind.DATETIME64, false, precision, Optional.of("UTC"));
    }

    /** This type wrapped in {@code Nullable(…)}; itself if it is already nullable. */
    public ColumnType asNullable() {
        return nullable ? this : new ColumnType("Nullable(" + sql + ")", kind, true, precision, zone);
    }

    /**
     * Parses a type as ClickHouse writes it (in {@code DESCRIBE TABLE} or a {@code --schema}).
     *
     * @throws LandfallException USAGE naming the type, for types the loader cannot check
     */
    public static ColumnType parse(String text) {
        String t = text.trim();
        Matcher w = WRAPPED.matcher(t);
        if (w.matches()) {
            ColumnType inner = parse(w.group(2));
            boolean nullable = w.group(1).equals("Nullable");
            if (nullable && inner.nullable) {
                throw unsupported(text);
            }
            if (!nullable && inner.kind != Kind.STRING) {
                throw unsupported(text);
            }
            return new ColumnType(t, inner.kind, nullable || inner.nullable, inner.precision, inner.zone);
        }
        Kind simple = SIMPLE.get(t);
        if (simple != null) {
            return new ColumnType(t, simple, false, 0, Optional.empty());
        }
        Matcher tz = DATETIME_TZ.matcher(t);
        if (tz.matches()) {
            return new ColumnType(t, Kind.DATETIME, false, 0, Optional.of(tz.group(1)));
        }
        Matcher d64 = DATETIME64.matcher(t);
        if (d64.matches()) {
            return new ColumnType(
                    t, Kind.DATETIME64, false, Integer.parseInt(d64.group(1)), Optional.ofNullable(d64.group(2)));
        }
        throw unsupported(text);
    }

    private static LandfallException unsupported(String text) {
        return LandfallException.usage(
                "column type '" + text.trim() + "' is not one the event loader can check",
                "use String, LowCardinality(String), (U)Int8..64, Float32/64, Date, DateTime, DateTime64(P),"
                        + " optionally in Nullable(…); keep nested JSON in a String column");
    }

    @Override
    public String toString() {
        return sql;
    }
}
