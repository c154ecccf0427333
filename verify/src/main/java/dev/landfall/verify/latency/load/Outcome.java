package dev.landfall.verify.latency.load;

import dev.landfall.verify.latency.parity.Answer;
import java.util.Objects;
import java.util.Optional;

/**
 * What one side of a pair came to.
 *
 * @param answer the answer, or null when none came
 * @param error why none came; empty with an answer
 * @param latencyNanos from the intended send time to the answer read or the failure
 * @param lateNanos how long after its intended time the request went out (the generator's own
 *     error); {@link #NOT_SENT} when it never went out
 * @param skipped the run was cancelled before this request was sent: it counts for nothing
 */
public record Outcome(Answer answer, String error, long latencyNanos, long lateNanos, boolean skipped) {
    /** {@link #lateNanos()} of a request that never went out. */
    public static final long NOT_SENT = -1;

    public Outcome {
        Objects.requireNonNull(error, "error");
    }

    static Outcome answered(Answer answer, long latencyNanos, long lateNanos) {
        return new Outcome(Objects.requireNonNull(answer, "answer"), "", latencyNanos, lateNanos, false);
    }

    /** No answer to a request that went out {@code lateNanos} late, or {@link #NOT_SENT}. */
    static Outcome failed(String error, long latencyNanos, long lateNanos) {
        return new Outcome(null, error, latencyNanos, lateNanos, false);
    }

    static Outcome skippedByCancel() {
        return new Outcome(null, "cancelled", 0, NOT_SENT, true);
    }

    /** Whether the request went out (and {@link #lateNanos()} is how late). */
    public boolean sent() {
        return lateNanos != NOT_SENT;
    }

    public Optional<Answer> answered() {
        return Optional.ofNullable(answer);
    }

    /** A failure without an answer, or a 5xx answer. */
    public boolean isError() {
        return answer == null || answer.status() >= 500;
    }
}
