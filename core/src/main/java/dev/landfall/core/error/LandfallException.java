package dev.landfall.core.error;

import java.util.Objects;
import java.util.Optional;

/**
 * The one unchecked exception of Landfall. Its message names the input that was wrong; its
 * {@link #hint()} names the fix. The CLI prints both and exits with {@link ErrorKind#exitCode()}.
 * Messages must never contain secrets.
 */
public final class LandfallException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ErrorKind kind;
    private final String hint;

    private LandfallException(ErrorKind kind, String message, String hint, Throwable cause) {
        super(Objects.requireNonNull(message, "message"), cause);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.hint = hint;
    }

    /** A wrong flag, URI, file or setting: exit 2. */
    public static LandfallException usage(String message, String hint) {
        return new LandfallException(ErrorKind.USAGE, message, hint, null);
    }

    /** As {@link #usage(String, String)}, keeping the cause for {@code --verbose}. */
    public static LandfallException usage(String message, String hint, Throwable cause) {
        return new LandfallException(ErrorKind.USAGE, message, hint, cause);
    }

    /** The other side refused (credentials, permission, missing resource): exit 2. */
    public static LandfallException rejected(String message, String hint) {
        return new LandfallException(ErrorKind.REJECTED, message, hint, null);
    }

    /** Something that may heal if retried: exit 1 once retries are spent. */
    public static LandfallException transientFailure(String message, String hint, Throwable cause) {
        return new LandfallException(ErrorKind.TRANSIENT, message, hint, cause);
    }

    /** A failure that will not heal by retrying, such as corrupt input: exit 1. */
    public static LandfallException failed(String message, String hint) {
        return new LandfallException(ErrorKind.FAILED, message, hint, null);
    }

    /** As {@link #failed(String, String)}, keeping the cause for {@code --verbose}. */
    public static LandfallException failed(String message, String hint, Throwable cause) {
        return new LandfallException(ErrorKind.FAILED, message, hint, cause);
    }

    /** Verification found a difference: exit 3. */
    public static LandfallException mismatch(String message, String hint) {
        return new LandfallException(ErrorKind.MISMATCH, message, hint, null);
    }

    /** A bug in Landfall: exit 1 and "this is a bug". */
    public static LandfallException internal(String message, Throwable cause) {
        return new LandfallException(ErrorKind.INTERNAL, message, null, cause);
    }

    /** What kind of failure this is. */
    public ErrorKind kind() {
        return kind;
    }

    /** The fix, in one sentence, if there is one to suggest. */
    public Optional<String> hint() {
        return Optional.ofNullable(hint);
    }

    /**
     * A transient failure for an I/O error that stopped {@code doing}: "{@code doing} stopped:"
     * and the error's message.
     *
     * @param doing what stopped ({@code plan}, {@code verify}, …)
     */
    public static LandfallException stopped(String doing, Exception cause, String hint) {
        return transientFailure(
                doing + " stopped: " + (cause.getMessage() == null ? "I/O error" : cause.getMessage()), hint, cause);
    }

    /**
     * The failure of an interrupted run, with the way to continue it: a transient failure (or an
     * I/O error, which is one) gets {@code hint}; a failed one keeps its own hint if it has one;
     * any other kind is returned unchanged, since rerunning cannot heal it.
     *
     * @param failure a LandfallException or an I/O error
     * @param doing what stopped, for the message of an I/O error ({@code export})
     */
    public static LandfallException resumable(Exception failure, String doing, String hint) {
        LandfallException e = failure instanceof LandfallException le ? le : stopped(doing, failure, null);
        return switch (e.kind) {
            case TRANSIENT -> transientFailure(e.getMessage(), hint, e.getCause() == null ? e : e.getCause());
            case FAILED -> failed(e.getMessage(), e.hint().orElse(hint), e);
            default -> e;
        };
    }

    /** The process exit code this error leads to. */
    public int exitCode() {
        return kind.exitCode();
    }
}
