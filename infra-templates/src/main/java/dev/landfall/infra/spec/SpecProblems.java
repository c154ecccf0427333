package dev.landfall.infra.spec;

import com.fasterxml.jackson.core.JsonLocation;
import dev.landfall.core.error.LandfallException;
import dev.landfall.infra.spec.SpecProblem.Severity;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The errors and warnings found in one spec, so that a run reports all of them at once instead of
 * the first. Rules add to it instead of throwing; {@link #throwIfErrors()} turns the errors into
 * the one usage error (exit 2) the CLI prints.
 *
 * <p>An error at or under a field that already has one is dropped: it follows from the first
 * (a region that is not a mapping has no name to check), and repeating it would bury the cause.
 */
public final class SpecProblems {
    private final SpecDocument document;
    private final List<Found> found = new ArrayList<>();
    /** Fields another error already explains (a misspelt key's missing field): nothing to add. */
    private final List<String> covered = new ArrayList<>();

    SpecProblems(SpecDocument document) {
        this.document = document;
    }

    /** An error at {@code pointer}: {@code problem} is what is wrong, {@code fix} the change. */
    public void error(String pointer, String problem, String fix) {
        boolean follows = errorsFound().anyMatch(e -> within(pointer, e.pointer()))
                || covered.stream().anyMatch(c -> within(pointer, c));
        if (!follows) {
            add(Severity.ERROR, pointer, problem, fix);
        }
    }

    /**
     * Marks {@code pointer} as explained by an error elsewhere (a key misspelt next to it): later
     * errors there are dropped and rules reading it skip, as if it had failed.
     */
    void covered(String pointer) {
        covered.add(pointer);
    }

    /** A warning at {@code pointer}: printed, and the spec is still accepted. */
    public void warn(String pointer, String message, String fix) {
        add(Severity.WARNING, pointer, message, fix);
    }

    /**
     * Whether an error was found at any of {@code pointers}, under one of them or at one of their
     * parents: a rule that reads those fields has nothing sound to check then.
     */
    public boolean failed(String... pointers) {
        return Stream.concat(errorsFound().map(SpecProblem::pointer), covered.stream())
                .anyMatch(bad -> {
                    for (String pointer : pointers) {
                        if (within(pointer, bad) || within(bad, pointer)) {
                            return true;
                        }
                    }
                    return false;
                });
    }

    public boolean hasErrors() {
        return errorsFound().findAny().isPresent();
    }

    /** The errors, in the order their fields appear in the file. */
    public List<SpecProblem> errors() {
        return of(Severity.ERROR);
    }

    /** The warnings, in the order their fields appear in the file. */
    public List<SpecProblem> warnings() {
        return of(Severity.WARNING);
    }

    /**
     * Nothing when there is no error. One error keeps the one-line form (message and hint); several
     * become one message listing each with its fix, in file order.
     */
    public void throwIfErrors() {
        List<SpecProblem> errors = errors();
        if (errors.isEmpty()) {
            return;
        }
        if (errors.size() == 1) {
            throw LandfallException.usage(errors.get(0).located(), errors.get(0).fix());
        }
        StringBuilder message = new StringBuilder(document.file() + " has " + errors.size() + " errors:");
        for (SpecProblem e : errors) {
            message.append('\n').append("  ").append(e.located());
            message.append('\n').append("    fix: ").append(e.fix());
        }
        throw LandfallException.usage(
                message.toString(), "fix each one as its line says, then run 'landfall infra validate' again");
    }

    private void add(Severity severity, String pointer, String problem, String fix) {
        String text = SpecDocument.field(pointer) + ": " + problem;
        found.add(new Found(
                new SpecProblem(severity, pointer, document.where(pointer), text, fix),
                document.location(pointer),
                found.size()));
    }

    private Stream<SpecProblem> errorsFound() {
        return found.stream().map(Found::problem).filter(p -> p.severity() == Severity.ERROR);
    }

    private List<SpecProblem> of(Severity severity) {
        return found.stream()
                .filter(f -> f.problem.severity() == severity)
                .sorted(IN_FILE_ORDER)
                .map(f -> f.problem)
                .toList();
    }

    /** Whether {@code pointer} is {@code parent} or lies under it. */
    private static boolean within(String pointer, String parent) {
        return pointer.equals(parent) || pointer.startsWith(parent + "/");
    }

    private static final Comparator<Found> IN_FILE_ORDER = Comparator.<Found>comparingInt(
                    f -> f.at == null ? 0 : f.at.getLineNr())
            .thenComparingInt(f -> f.at == null ? 0 : f.at.getColumnNr())
            .thenComparingInt(f -> f.order);

    private record Found(SpecProblem problem, JsonLocation at, int order) {}
}
