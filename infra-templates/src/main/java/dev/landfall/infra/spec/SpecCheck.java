package dev.landfall.infra.spec;

import dev.landfall.core.error.LandfallException;
import java.util.List;

/**
 * A spec after every check: its errors and warnings in file order, and the spec itself once there
 * is no error. Warnings never refuse a spec; the caller prints them.
 */
public final class SpecCheck {
    private final SpecDocument document;
    private final SpecProblems problems;
    private final ServiceSpec spec;

    SpecCheck(SpecDocument document, SpecProblems problems, ServiceSpec spec) {
        this.document = document;
        this.problems = problems;
        this.spec = spec;
    }

    public List<SpecProblem> errors() {
        return problems.errors();
    }

    public List<SpecProblem> warnings() {
        return problems.warnings();
    }

    /**
     * The validated spec.
     *
     * @throws LandfallException USAGE listing every error, each with file:line:column and its fix
     */
    public ServiceSpec spec() {
        problems.throwIfErrors();
        return spec;
    }

    /**
     * A usage error located at {@code pointer}, for a command that needs a field the spec may
     * leave out (such as {@code cutover.edge} for the cutover Worker).
     */
    public LandfallException error(String pointer, String problem, String fix) {
        return document.error(pointer, problem, fix);
    }
}
