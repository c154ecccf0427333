package dev.landfall.core.retry;

import dev.landfall.core.error.LandfallException;
import dev.landfall.core.time.Sleeper;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;
import java.util.random.RandomGenerator;

/**
 * The one place that retries (STYLE.md §5): jittered exponential backoff within a budget of
 * attempts and total waiting, honouring a server's {@link RetryAfter}. Sources and clients never
 * loop themselves; they run each operation through {@link #call}.
 *
 * <p>What is retried: a {@link LandfallException} whose {@link
 * dev.landfall.core.error.ErrorKind#retryable() kind is retryable}, and any exception with an
 * {@link IOException} in its cause chain. Not retried: anything else, anything with a {@link
 * CancellationException} in its chain, and anything once the calling thread is interrupted.
 *
 * <p>The wait before attempt {@code n + 1} is the longer of the server's {@code Retry-After} and
 * the backoff {@code b = min(maxBackoff, initialBackoff × 2^(n-1))}, drawn uniformly from {@code
 * [b/2, b]} ("equal jitter": never near zero, never in lockstep with other clients). When the
 * attempts are spent, or the next wait would take the total past {@code maxTotalWait}, {@link
 * #call} throws a {@code TRANSIENT} exception naming what failed and how often.
 *
 * <p>Immutable and thread-safe; the random generator is used under a lock.
 */
public final class RetryPolicy {
    /** The hint of an exhausted retry budget unless {@link Builder#exhaustedHint} says otherwise. */
    public static final String DEFAULT_EXHAUSTED_HINT =
            "the service kept failing; wait a few minutes, then rerun the command with --resume to"
                    + " continue from the last checkpoint";

    /** One attempt of an operation; {@code attempt} counts from 1. */
    @FunctionalInterface
    public interface Attempt<T> {
        T run(int attempt) throws IOException;
    }

    private final int maxAttempts;
    private final Duration maxTotalWait;
    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final RandomGenerator random;
    private final Sleeper sleeper;
    private final String exhaustedHint;

    private RetryPolicy(Builder b) {
        this.maxAttempts = b.maxAttempts;
        this.maxTotalWait = b.maxTotalWait;
        this.initialBackoff = b.initialBackoff;
        this.maxBackoff = b.maxBackoff;
        this.random = Objects.requireNonNull(b.random, "random");
        this.sleeper = Objects.requireNonNull(b.sleeper, "sleeper");
        this.exhaustedHint = b.exhaustedHint;
    }

    /**
     * A builder with the defaults: 10 attempts, 10 minutes of total waiting (enough to sit out one
     * Cloudflare lockout of 5 minutes), backoff from 500 ms to 30 s, the system sleeper, and a
     * generator seeded with {@code seed}.
     */
    public static Builder builder(long seed) {
        return new Builder(new SplittableRandom(seed));
    }

    /**
     * Runs {@code attempt} until it succeeds, fails in a way that is not retryable, or the budget
     * is spent.
     *
     * @param what names the operation in messages, such as {@code list keys of kv namespace X}
     * @return what the successful attempt returned
     * @throws LandfallException {@code TRANSIENT} when the budget is spent (the last failure is the
     *     cause); any non-retryable {@code LandfallException} or runtime exception as thrown
     * @throws IOException only a non-retryable one: the thread was interrupted or the operation
     *     cancelled ({@link InterruptedIOException} when interrupted while waiting)
     */
    public <T> T call(String what, Attempt<T> attempt) throws IOException {
        Objects.requireNonNull(what, "what");
        Objects.requireNonNull(attempt, "attempt");
        Duration waited = Duration.ZERO;
        for (int n = 1; ; n++) {
            Exception failure;
            try {
                return attempt.run(n);
            } catch (IOException | RuntimeException e) {
                failure = e;
            }
            if (!retryable(failure) || Thread.currentThread().isInterrupted()) {
                if (failure instanceof IOException io) {
                    throw io;
                }
                throw (RuntimeException) failure;
            }
            Duration wait = delayAfter(n, failure);
            if (n >= maxAttempts || waited.plus(wait).compareTo(maxTotalWait) > 0) {
                throw exhausted(what, n, waited, failure);
            }
            try {
                sleeper.sleep(wait);
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
                InterruptedIOException io = new InterruptedIOException(what + ": interrupted while waiting to retry");
                io.initCause(failure);
                throw io;
            }
            waited = waited.plus(wait);
        }
    }

    /** Whether {@code t} may be retried (see the class comment). */
    public static boolean retryable(Throwable t) {
        boolean io = false;
        int depth = 0;
        for (Throwable c = t; c != null && depth < 32; c = c.getCause(), depth++) {
            if (c instanceof CancellationException) {
                return false;
            }
            if (c instanceof IOException) {
                io = true;
            }
        }
        if (t instanceof LandfallException le) {
            return le.kind().retryable();
        }
        return io;
    }

    /** The wait after failed attempt {@code n}: the longer of the backoff and any Retry-After. */
    Duration delayAfter(int n, Throwable failure) {
        Duration backoff = backoff(n);
        return RetryAfter.in(failure).filter(ra -> ra.compareTo(backoff) > 0).orElse(backoff);
    }

    /** The jittered backoff after failed attempt {@code n} (from 1). */
    // visible for testing
    Duration backoff(int n) {
        long initial = initialBackoff.toNanos();
        long cap = maxBackoff.toNanos();
        long base = initial;
        for (int i = 1; i < n && base < cap; i++) {
            base = base > cap / 2 ? cap : base * 2;
        }
        base = Math.min(base, cap);
        long half = base / 2;
        long jitter;
        synchronized (random) {
            jitter = half == 0 ? 0 : random.nextLong(half + 1);
        }
        return Duration.ofNanos(base - half + jitter);
    }

    /** How many attempts at most. */
    public int maxAttempts() {
        return maxAttempts;
    }

    /** The most total waiting between attempts. */
    public Duration maxTotalWait() {
        return maxTotalWait;
    }

    private LandfallException exhausted(String what, int attempts, Duration waited, Exception last) {
        String message = what + " failed after " + attempts + (attempts == 1 ? " attempt" : " attempts") + " over "
                + seconds(waited) + " of waiting: " + describe(last);
        return LandfallException.transientFailure(message, exhaustedHint, last);
    }

    private static String seconds(Duration d) {
        long tenths = d.toMillis() / 100;
        return tenths / 10 + "." + tenths % 10 + " s";
    }

    private static String describe(Throwable t) {
        if (t instanceof LandfallException) {
            return t.getMessage();
        }
        String m = t.getMessage();
        String name = t.getClass().getSimpleName();
        return m == null || m.isBlank() ? name : name + ": " + m;
    }

    /** Builds a {@link RetryPolicy}; every setter validates its argument. */
    public static final class Builder {
        private int maxAttempts = 10;
        private Duration maxTotalWait = Duration.ofMinutes(10);
        private Duration initialBackoff = Duration.ofMillis(500);
        private Duration maxBackoff = Duration.ofSeconds(30);
        private RandomGenerator random;
        private Sleeper sleeper = Sleeper.SYSTEM;
        private String exhaustedHint = DEFAULT_EXHAUSTED_HINT;

        private Builder(RandomGenerator random) {
            this.random = random;
        }

        /** At most this many attempts in all, at least 1. */
        public Builder maxAttempts(int maxAttempts) {
            if (maxAttempts < 1) {
                throw new IllegalArgumentException("maxAttempts must be at least 1: " + maxAttempts);
            }
            this.maxAttempts = maxAttempts;
            return this;
        }

        /** At most this much waiting between attempts in all. */
        public Builder maxTotalWait(Duration maxTotalWait) {
            this.maxTotalWait = nonNegative(maxTotalWait, "maxTotalWait");
            return this;
        }

        /** The backoff after the first failure (before jitter). */
        public Builder initialBackoff(Duration initialBackoff) {
            this.initialBackoff = nonNegative(initialBackoff, "initialBackoff");
            return this;
        }

        /** The largest backoff (before jitter). */
        public Builder maxBackoff(Duration maxBackoff) {
            this.maxBackoff = nonNegative(maxBackoff, "maxBackoff");
            return this;
        }

        /** The generator for jitter; seed it, so a run can be repeated. */
        public Builder random(RandomGenerator random) {
            this.random = Objects.requireNonNull(random, "random");
            return this;
        }

        /** How to wait; a fake in tests. */
        public Builder sleeper(Sleeper sleeper) {
            this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
            return this;
        }

        /** The hint of the exception thrown when the budget is spent (name the resume command). */
        public Builder exhaustedHint(String exhaustedHint) {
            this.exhaustedHint = Objects.requireNonNull(exhaustedHint, "exhaustedHint");
            return this;
        }

        public RetryPolicy build() {
            if (maxBackoff.compareTo(initialBackoff) < 0) {
                throw new IllegalArgumentException(
                        "maxBackoff " + maxBackoff + " is below initialBackoff " + initialBackoff);
            }
            return new RetryPolicy(this);
        }

        private static Duration nonNegative(Duration d, String name) {
            Objects.requireNonNull(d, name);
            if (d.isNegative()) {
                throw new IllegalArgumentException(name + " must not be negative: " + d);
            }
            return d;
        }
    }
}
