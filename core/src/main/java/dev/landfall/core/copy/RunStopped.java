package dev.landfall.core.copy;

import dev.landfall.core.model.Scope;

/**
 * A copy or import stopped on request (Ctrl-C) at a batch boundary: everything before it is
 * durable and journaled, so the run resumes exactly there.
 */
public final class RunStopped extends RuntimeException {
    private final transient Scope scope;

    public RunStopped(Scope scope) {
        super("stopped on request during " + scope.describe() + ", after the last committed batch");
        this.scope = scope;
    }

    /** The scope that was being copied. */
    public Scope scope() {
        return scope;
    }
}
