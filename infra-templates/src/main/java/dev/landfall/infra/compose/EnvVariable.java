package dev.landfall.infra.compose;

import java.util.Objects;

/**
 * One variable of the kit's {@code .env.example}.
 *
 * @param name the variable name, referenced as {@code ${NAME}} in {@code docker-compose.yml}
 * @param example the value written to {@code .env.example}: a placeholder or a harmless default
 * @param comment what it is for, written above it
 */
record EnvVariable(String name, String example, String comment) {
    /** What every password and secret gets in {@code .env.example}. */
    static final String PLACEHOLDER = "change-me";

    /**
     * How {@code docker-compose.yml} refers to a variable without a default: compose refuses to
     * start, naming it, when it is unset or empty, where {@code ${NAME}} would quietly be empty
     * (an empty Redis password means no authentication).
     */
    static String required(String name) {
        return "${" + name + ":?" + name + " is not set: copy .env.example to .env and set it}";
    }

    EnvVariable {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(example, "example");
        Objects.requireNonNull(comment, "comment");
    }
}
