package dev.landfall.infra.spec;

import java.util.Objects;

/**
 * One thing wrong with (or worth a second look in) a spec: where it is, what it is and the fix.
 *
 * @param severity an error refuses the spec; a warning is printed and the run goes on
 * @param pointer JSON pointer of the field concerned, such as {@code /tasks/min}
 * @param where {@code file:line:column} of that field, or of its nearest parent when it is absent
 * @param problem what is wrong, starting with the field in spec syntax ({@code tasks.min: ...})
 * @param fix the change that makes it right
 */
public record SpecProblem(Severity severity, String pointer, String where, String problem, String fix) {
    /** Whether a problem refuses the spec. */
    public enum Severity {
        ERROR,
        WARNING
    }

    public SpecProblem {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(pointer, "pointer");
        Objects.requireNonNull(where, "where");
        Objects.requireNonNull(problem, "problem");
        Objects.requireNonNull(fix, "fix");
    }

    /** {@code file:line:column: field: problem}, the first line of the problem as printed. */
    public String located() {
        return where + ": " + problem;
    }
}
