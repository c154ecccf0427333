package dev.landfall.core.error;

/**
 * What went wrong, in the terms an operator acts on. Each kind carries the process exit code of
 * ARCHITECTURE.md and whether a retry may help.
 *
 * <p>The rule between 1 and 2: exit 2 when rerunning the same command cannot succeed until the
 * operator changes an input; exit 1 when a rerun or {@code --resume} might.
 */
public enum ErrorKind {
    /** A flag, URI, file or configuration value is wrong. */
    USAGE(2),
    /** The other side refused: credentials, permission, a missing database, a read-only store. */
    REJECTED(2),
    /** A failure that may heal by itself: rate limits, 5xx, resets, timeouts. */
    TRANSIENT(1),
    /** A failure that will not heal by retrying: corrupt input, a remote error that won't heal. */
    FAILED(1),
    /** Verification found a difference: data mismatch, SLO breach. */
    MISMATCH(3),
    /** A bug in Landfall. */
    INTERNAL(1);

    private final int exitCode;

    ErrorKind(int exitCode) {
        this.exitCode = exitCode;
    }

    /** The process exit code for this kind. */
    public int exitCode() {
        return exitCode;
    }

    /** Whether the retry policy may try the same operation again: only for a failure that may heal. */
    public boolean retryable() {
        return this == TRANSIENT;
    }
}
