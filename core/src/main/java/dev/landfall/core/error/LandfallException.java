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

    /** The process exit code this error leads to. */
    public int exitCode() {
        return kind.exitCode();
    }
}
