package dev.landfall.core.status;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * What {@code /statusz} shows at one moment: an immutable snapshot a {@link StatusSource} hands
 * out. Locations are display strings with passwords already masked; the pages mask them once more
 * and escape every string, so a slip here still leaks nothing and acts on no terminal.
 *
 * @param running what runs ({@code migrate --follow}, {@code serve})
 * @param startedAt when it started
 * @param source the run's source, masked ({@code cloudflare://ACCOUNT}); empty for a process that
 *     follows no source ({@code serve}), whose pages then show no source, position or lag
 * @param store the run's store, masked ({@code postgres://app:****@db/app})
 * @param position the change-log position last committed, as text; empty before the first
 * @param lagChanges changes captured but not yet applied, when known
 * @param lag how far behind the source the store is, when known
 * @param lastError the most recent error, if any
 * @param fields further named values, shown after the others in this order; a name may not repeat
 *     one of the fields above
 */
public record Status(
        String running,
        Instant startedAt,
        String source,
        String store,
        String position,
        OptionalLong lagChanges,
        Optional<Duration> lag,
        Optional<LastError> lastError,
        Map<String, String> fields) {
    /** The names the pages use for the fields above; {@link #fields} may not reuse them. */
    static final Set<String> RESERVED = Set.of(
            "running",
            "started",
            "uptime",
            "source",
            "store",
            "position",
            "lag changes",
            "lag seconds",
            "last error",
            "last error at");

    public Status {
        Objects.requireNonNull(running, "running");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(lagChanges, "lagChanges");
        Objects.requireNonNull(lag, "lag");
        Objects.requireNonNull(lastError, "lastError");
        Objects.requireNonNull(fields, "fields");
        if (lagChanges.isPresent() && lagChanges.getAsLong() < 0) {
            throw new IllegalArgumentException("lagChanges cannot be negative: " + lagChanges.getAsLong());
        }
        for (String name : fields.keySet()) {
            if (RESERVED.contains(Objects.requireNonNull(name, "field name"))) {
                throw new IllegalArgumentException("field '" + name + "' would repeat a field of the status");
            }
            Objects.requireNonNull(fields.get(name), "value of field " + name);
        }
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    /** A status with no position, no lag measured, no error and no further fields yet. */
    public static Status starting(String running, Instant startedAt, String source, String store) {
        return new Status(
                running,
                startedAt,
                source,
                store,
                "",
                OptionalLong.empty(),
                Optional.empty(),
                Optional.empty(),
                Map.of());
    }

    /**
     * The status of a process that serves a store and follows no source ({@code landfall serve}):
     * it has no source, log position or lag, so its pages leave those out rather than show them
     * as never measured.
     */
    public static Status serving(String running, Instant startedAt, String store) {
        return starting(running, startedAt, "", store);
    }

    /** Whether this process follows a source, and so has a position and a lag to show. */
    public boolean follows() {
        return !source.isEmpty();
    }

    /** This status at another log position and lag. */
    public Status withProgress(String position, long lagChanges, Duration lag) {
        return new Status(
                running,
                startedAt,
                source,
                store,
                position,
                OptionalLong.of(lagChanges),
                Optional.of(lag),
                lastError,
                fields);
    }

    /** This status with {@code error} as the last one. */
    public Status withLastError(LastError error) {
        return new Status(running, startedAt, source, store, position, lagChanges, lag, Optional.of(error), fields);
    }

    /** This status with {@code fields} instead of its further fields. */
    public Status withFields(Map<String, String> fields) {
        return new Status(running, startedAt, source, store, position, lagChanges, lag, lastError, fields);
    }
}
