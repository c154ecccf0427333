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
 * @param skipped the run was cancelled before this request was sent: it counts for nothing
 */
public record Outcome(Answer answer, String error, long latencyNanos, boolean skipped) {
    public Outcome {
        Objects.requireNonNull(error, "error");
    }

    static Outcome answered(Answer answer, long latencyNanos) {
        return new Outcome(Objects.requireNonNull(answer, "answer"), "", latencyNanos, false);
    }

    static Outcome failed(String error, long latencyNanos) {
        return new Outcome(null, error, latencyNanos, false);
    }

    static Outcome skippedByCancel() {
        return new Outcome(null, "cancelled", 0, true);
    }

    public Optional<Answer> answered() {
        return Optional.ofNullable(answer);
    }

    /** A failure without an answer, or a 5xx answer. */
    public boolean isError() {
        return answer == null || answer.status() >= 500;
    }
}
