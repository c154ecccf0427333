package dev.landfall.core.codec;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A JavaScript {@code Date}: {@code {"$t":"Date","v":"2024-01-02T03:04:05.678Z"}} (the text of
 * {@code toISOString()}), or {@code {"$t":"Date","v":null}} for an invalid Date ({@code new
 * Date(NaN)}).
 *
 * @param epochMillis the time value in milliseconds since 1970-01-01T00:00:00Z, empty for an
 *     invalid Date; within ±8.64e15 (JavaScript's Date range)
 */
public record DateValue(OptionalLong epochMillis) implements TypedValue {
    /** The largest time value JavaScript allows: 100,000,000 days after the epoch. */
    public static final long MAX_EPOCH_MILLIS = 8_640_000_000_000_000L;

    private static final DateValue INVALID = new DateValue(OptionalLong.empty());

    public DateValue {
        Objects.requireNonNull(epochMillis, "epochMillis");
        if (epochMillis.isPresent() && Math.abs(epochMillis.getAsLong()) > MAX_EPOCH_MILLIS) {
            throw new IllegalArgumentException(
                    "Date time value " + epochMillis.getAsLong() + " is outside ±" + MAX_EPOCH_MILLIS);
        }
    }

    /** A valid Date at {@code epochMillis}. */
    public static DateValue ofEpochMillis(long epochMillis) {
        return new DateValue(OptionalLong.of(epochMillis));
    }

    /** The invalid Date. */
    public static DateValue invalid() {
        return INVALID;
    }

    /** Whether this Date holds a time (is not {@code Invalid Date}). */
    public boolean isValid() {
        return epochMillis.isPresent();
    }

    /** The time as an {@code Instant}, if valid. */
    public Optional<Instant> instant() {
        return isValid() ? Optional.of(Instant.ofEpochMilli(epochMillis.getAsLong())) : Optional.empty();
    }

    /** The {@code toISOString()} text, if valid. */
    public Optional<String> isoString() {
        return isValid() ? Optional.of(JsDateFormat.format(epochMillis.getAsLong())) : Optional.empty();
    }

    @Override
    public String toString() {
        return "DateValue[" + isoString().orElse("Invalid Date") + "]";
    }
}
