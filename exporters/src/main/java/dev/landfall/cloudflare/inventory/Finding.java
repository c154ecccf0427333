package dev.landfall.cloudflare.inventory;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

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

    /**
     * The finding for a question the operator answers: the answer as {@code text} shows it and what
     * {@code meaning} makes of it, or, unanswered, how to answer.
     */
    static <T> Finding of(
            String key,
            String question,
            Optional<T> answer,
            Function<T, String> text,
            Function<T, String> meaning,
            String howToAnswer) {
        return new Finding(key, question, answer.map(text), answer.map(meaning).orElse(howToAnswer));
    }

    /** The answer, or {@code unanswered}. */
    public String answerText() {
        return answer.orElse("unanswered");
    }
}
