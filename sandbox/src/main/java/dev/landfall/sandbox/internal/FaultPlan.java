package dev.landfall.sandbox.internal;

import dev.landfall.sandbox.Faults;
import java.time.Duration;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Draws the fault of each request from a generator seeded once, so one seed and one request
 * sequence always give one fault sequence. Exactly one number is drawn per request (two for a
 * slow answer), whatever the probabilities. Thread-safe.
 */
public final class FaultPlan {
    /** The kinds of fault, named as in {@code --faults} and in the stats. */
    public enum Kind {
        NONE("none"),
        TOO_MANY_REQUESTS("429"),
        INTERNAL_ERROR("500"),
        BAD_GATEWAY("502"),
        UNAVAILABLE("503"),
        RESET("reset"),
        SLOW("slow");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** One drawn fault; {@code delay} is non-zero only for {@link Kind#SLOW}. */
    public record Fault(Kind kind, Duration delay) {
        static final Fault NONE = new Fault(Kind.NONE, Duration.ZERO);
    }

    private static final long SLOW_MIN_MILLIS = 2000;
    private static final int SLOW_SPREAD_MILLIS = 3001;

    private final Faults faults;
    private final SplittableRandom random;

    public FaultPlan(Faults faults, long seed) {
        this.faults = faults;
        this.random = new SplittableRandom(seed);
    }

    public synchronized Fault next() {
        if (faults.none()) {
            return Fault.NONE;
        }
        double u = random.nextDouble();
        // The kinds are declared in draw order, each labelled with its name in Faults.byKind().
        Map<String, Double> p = faults.byKind();
        double acc = 0;
        for (Kind kind : Kind.values()) {
            acc += p.getOrDefault(kind.label(), 0.0);
            if (u < acc) {
                Duration delay = kind == Kind.SLOW
                        ? Duration.ofMillis(SLOW_MIN_MILLIS + random.nextInt(SLOW_SPREAD_MILLIS))
                        : Duration.ZERO;
                return new Fault(kind, delay);
            }
        }
        return Fault.NONE;
    }
}
