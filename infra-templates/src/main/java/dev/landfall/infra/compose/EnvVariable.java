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

    EnvVariable {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(example, "example");
        Objects.requireNonNull(comment, "comment");
    }
}
