package dev.landfall.infra.cutover;

/**
 * The operator pressed Ctrl-C. Raised only between API calls, so traffic is where the last
 * completed change put it; the state file says which step that was.
 */
public final class CutoverStopped extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CutoverStopped() {
        super("stopped on request");
    }
}
