package dev.landfall.core.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonEOFException;

/**
 * What is wrong with a JSON text, in an operator's words: a file cut short is called that,
 * rather than the parser's token names ({@code VALUE_STRING}) and its multi-line location text.
 */
public final class JsonProblem {
    private JsonProblem() {}

    /** One line that says what went wrong, without location (callers name the line). */
    public static String describe(JsonProcessingException e) {
        if (e instanceof JsonEOFException) {
            return "the JSON breaks off before it ends (the file is cut short)";
        }
        String original = e.getOriginalMessage();
        if (original == null || original.isBlank()) {
            return "not valid JSON";
        }
        // Jackson's messages continue after a newline with the location and the source; keep the first line.
        String first = original.lines().findFirst().orElse(original).strip();
        return first;
    }
}
