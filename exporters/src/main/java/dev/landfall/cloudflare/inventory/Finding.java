package dev.landfall.cloudflare.inventory;

import java.util.Objects;
import java.util.Optional;

/**
 * One question of the assessment with its answer and what that answer means for the move.
 *
 * @param key the question's key ({@code request-path}, … or {@code vendor-services})
 * @param question the question as a person reads it
 * @param answer the answer, empty when unanswered
 * @param meaning what it means for the move (for an unanswered question: how to answer it)
 */
public record Finding(String key, String question, Optional<String> answer, String meaning) {
    public Finding {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(question, "question");
        Objects.requireNonNull(answer, "answer");
        Objects.requireNonNull(meaning, "meaning");
    }

    /** The answer, or {@code unanswered}. */
    public String answerText() {
        return answer.orElse("unanswered");
    }
}
