package dev.landfall.infra.spec;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The whole numbers one spec field accepts, and a value to suggest, so that every number field's
 * hint names a value that field would take (a port hint says 8080, a CPU hint the Fargate sizes).
 */
record WholeNumber(int min, int max, List<Integer> only, int example) {
    WholeNumber {
        only = List.copyOf(only);
    }

    /** Any whole number from {@code min} to {@code max}; {@code example} is suggested. */
    static WholeNumber range(int min, int max, int example) {
        return new WholeNumber(min, max, List.of(), example);
    }

    /** Exactly one of {@code values} (ascending). */
    static WholeNumber oneOf(List<Integer> values) {
        return new WholeNumber(values.get(0), values.get(values.size() - 1), values, values.get(0));
    }

    boolean accepts(long value) {
        return only.isEmpty() ? value >= min && value <= max : only.stream().anyMatch(v -> v == value);
    }

    /** The error for {@code given}, which this field refused: what is wrong and the fix. */
    Refusal refusal(String name, JsonNode given) {
        if (given.isTextual() && quotedNumber(given.asText())) {
            return new Refusal(
                    "is quoted text, not a number",
                    "remove the quotes: " + name + ": " + given.asText().strip());
        }
        return new Refusal("must be " + expected(), suggestion());
    }

    /** Why a value was refused, and the fix. */
    record Refusal(String problem, String fix) {}

    private boolean quotedNumber(String text) {
        try {
            return accepts(Long.parseLong(text.strip()));
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private String expected() {
        return only.isEmpty() ? "a whole number from " + min + " to " + max : "one of " + list();
    }

    private String suggestion() {
        return only.isEmpty()
                ? "write a whole number from " + min + " to " + max + ", without quotes or a unit, e.g. " + example
                : "use one of " + list() + ", without quotes or a unit";
    }

    private String list() {
        return only.stream().map(String::valueOf).collect(Collectors.joining(", "));
    }
}
