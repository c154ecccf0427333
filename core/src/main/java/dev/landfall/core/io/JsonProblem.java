package dev.landfall.core.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import java.util.List;

/**
 * What is wrong with a JSON text, in an operator's words: a file cut short is called that, and
 * the parser's own message is kept only up to where it starts to speak of its internals (its
 * expected-token lists, "[Source: REDACTED …]" locations, escaping advice).
 */
public final class JsonProblem {
    // Where Jackson's messages turn from what it found to how it works inside.
    private static final List<String> INTERNALS =
            List.of(": was expecting", " at [Source", "[Source", ": has to be escaped", " (start marker");

    private JsonProblem() {}

    /** One line that says what went wrong, without location (callers name the file and line). */
    public static String describe(JsonProcessingException e) {
        String original = e.getOriginalMessage();
        if (e instanceof JsonEOFException || (original != null && original.startsWith("Unexpected end-of-input"))) {
            return "the JSON breaks off before it ends: the text is cut short";
        }
        if (original == null || original.isBlank()) {
            return "not valid JSON";
        }
        String first = original.lines().findFirst().orElse(original);
        for (String marker : INTERNALS) {
            int at = first.indexOf(marker);
            if (at > 0) {
                first = first.substring(0, at);
            }
        }
        return first.strip();
    }
}
