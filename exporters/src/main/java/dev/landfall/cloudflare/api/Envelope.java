package dev.landfall.cloudflare.api;

import dev.landfall.core.error.LandfallException;
import java.util.List;
import java.util.Objects;

/**
 * A parsed Cloudflare envelope (cloudflare-api.md §1.1).
 *
 * @param success the envelope's {@code success}
 * @param errors its {@code errors}
 * @param result what the result reader made of {@code result}, null when it was null or absent
 * @param info its {@code result_info}, {@link ResultInfo#NONE} when absent
 */
record Envelope<T>(boolean success, List<ApiMessage> errors, T result, ResultInfo info) {
    Envelope {
        errors = List.copyOf(errors);
        Objects.requireNonNull(info, "info");
    }

    /**
     * The result, which {@code op} cannot do without.
     *
     * @param missing what the result is, for the message ({@code "namespace"})
     * @throws LandfallException FAILED when the result is null or absent, with {@code hint}
     */
    T requiredResult(ApiOperation op, String missing, String hint) {
        if (result == null) {
            throw LandfallException.failed("Cloudflare's answer to " + op.description() + " has no " + missing, hint);
        }
        return result;
    }
}
