package dev.landfall.infra.cutover;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * How far behind the live-migration follower may be for the cutover to take its next step: at
 * most {@code maxLag} old and/or at most {@code maxChanges} changes not yet applied. A bound
 * on something the follower has not measured yet is not met: a follower that has not read its
 * change log could be any distance behind.
 *
 * @param maxLag the oldest change not yet applied may be at most this old
 * @param maxChanges at most this many changes may wait
 */
public record FollowerLagBound(Optional<Duration> maxLag, OptionalLong maxChanges) {
    public FollowerLagBound {
        Objects.requireNonNull(maxLag, "maxLag");
        Objects.requireNonNull(maxChanges, "maxChanges");
        if (maxLag.isEmpty() && maxChanges.isEmpty()) {
            throw new IllegalArgumentException("a lag bound needs a maximum lag, a maximum of changes, or both");
        }
        if (maxLag.isPresent() && maxLag.get().isNegative()) {
            throw new IllegalArgumentException("maxLag cannot be negative: " + maxLag.get());
        }
        if (maxChanges.isPresent() && maxChanges.getAsLong() < 0) {
            throw new IllegalArgumentException("maxChanges cannot be negative: " + maxChanges.getAsLong());
        }
    }

    /** Passes when every bound given holds; the summary names what was seen and the bound. */
    public GateVerdict judge(FollowerReading reading) {
        boolean unmeasured = (maxLag.isPresent() && reading.lag().isEmpty())
                || (maxChanges.isPresent() && reading.lagChanges().isEmpty());
        if (unmeasured) {
            return GateVerdict.breach(
                    "its lag is not measured yet (it has not read the change log yet); bound: " + describe());
        }
        List<String> over = new ArrayList<>();
        if (maxLag.isPresent() && reading.lag().get().compareTo(maxLag.get()) > 0) {
            over.add("lag " + seconds(reading.lag().get()) + " is over the bound of " + seconds(maxLag.get()));
        }
        if (maxChanges.isPresent() && reading.lagChanges().getAsLong() > maxChanges.getAsLong()) {
            over.add(reading.lagChanges().getAsLong() + " changes wait, over the bound of " + maxChanges.getAsLong());
        }
        if (!over.isEmpty()) {
            return GateVerdict.breach(String.join(" and ", over));
        }
        return GateVerdict.pass(seen(reading) + ", within " + describe());
    }

    /** The bound, for messages: {@code lag at most 5s and at most 1000 changes waiting}. */
    public String describe() {
        List<String> parts = new ArrayList<>();
        maxLag.ifPresent(d -> parts.add("lag at most " + seconds(d)));
        maxChanges.ifPresent(n -> parts.add("at most " + n + " changes waiting"));
        return String.join(" and ", parts);
    }

    /** What a reading says about the lag, for messages: {@code lag 1.5s, 42 changes waiting}. */
    public static String seen(FollowerReading reading) {
        return "lag " + reading.lag().map(FollowerLagBound::seconds).orElse("not measured") + ", "
                + (reading.lagChanges().isPresent()
                        ? reading.lagChanges().getAsLong() + " changes waiting"
                        : "changes waiting not measured");
    }

    // Milliseconds as the page gives them: a lag of 5.04s over a bound of 5s must not print as 5.0s.
    private static String seconds(Duration d) {
        return BigDecimal.valueOf(d.toMillis(), 3).stripTrailingZeros().toPlainString() + "s";
    }
}
