package dev.landfall.verify.latency.parity;

import java.util.Arrays;
import java.util.Objects;

/**
 * What one endpoint answered, as far as parity needs it.
 *
 * @param status the HTTP status
 * @param contentType the Content-Type header, or empty
 * @param body the body's first bytes (up to the reader's cap), owned and never changed
 * @param complete whether {@code body} is the whole body; when not, only {@code sha256} compares
 * @param sha256 the SHA-256 of the whole body
 */
public record Answer(int status, String contentType, byte[] body, boolean complete, byte[] sha256) {
    public Answer {
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(sha256, "sha256");
    }

    /** Whether both bodies are byte for byte the same. */
    boolean sameBody(Answer other) {
        return Arrays.equals(sha256, other.sha256);
    }

    /** Whether the body is worth parsing as JSON. */
    boolean looksLikeJson() {
        if (!complete) {
            return false;
        }
        if (contentType.toLowerCase(java.util.Locale.ROOT).contains("json")) {
            return true;
        }
        for (byte b : body) {
            if (b == ' ' || b == '\n' || b == '\r' || b == '\t') {
                continue;
            }
            return b == '{' || b == '[';
        }
        return false;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Answer a
                && status == a.status
                && contentType.equals(a.contentType)
                && complete == a.complete
                && Arrays.equals(body, a.body)
                && Arrays.equals(sha256, a.sha256);
    }

    @Override
    public int hashCode() {
        return Objects.hash(status, contentType, complete, Arrays.hashCode(sha256));
    }

    @Override
    public String toString() {
        return "Answer[" + status + ", " + body.length + " bytes]";
    }
}
