package dev.landfall.sandbox.internal;

import dev.landfall.core.model.KvErrorCodes;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Checks a request's {@code Authorization} header the way Cloudflare's API answers it (see
 * docs/sandbox.md, "Authentication"): no header is 400 code 9106; a header that is not {@code
 * Bearer} and a token of Cloudflare's shape is 400 code 6003 with a 6111 in its {@code
 * error_chain}; a well-formed token that is not the sandbox's is 401 code 1000. The sandbox's own
 * token is accepted whatever its shape, since tests and operators choose it.
 *
 * @param token the one token the sandbox accepts
 */
public record BearerAuth(String token) {
    /**
     * Cloudflare's token formats: the pre-2026 40 characters, or a {@code cfut_}, {@code cfat_} or
     * {@code cfk_} prefix, 40 characters and a checksum (developers.cloudflare.com, "Token formats").
     */
    private static final Pattern CLOUDFLARE_SHAPE =
            Pattern.compile("[A-Za-z0-9_-]{40}|(?:cfut|cfat|cfk)_[A-Za-z0-9]{40}[A-Za-z0-9_-]{1,32}");

    /**
     * Accepts the request or says why not.
     *
     * @param authorization the {@code Authorization} header, or null when there is none
     * @throws ApiError when the request may not go on
     */
    public void check(String authorization) {
        if (authorization == null) {
            throw new ApiError(
                    400, ApiError.MISSING_CREDENTIALS, "Missing X-Auth-Key, X-Auth-Email or Authorization headers");
        }
        String h = authorization.strip();
        if (h.length() < 8 || !h.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw invalidFormat();
        }
        String presented = h.substring(7).strip();
        if (presented.equals(token)) {
            return;
        }
        if (!CLOUDFLARE_SHAPE.matcher(presented).matches()) {
            throw invalidFormat();
        }
        throw new ApiError(401, KvErrorCodes.INVALID_TOKEN, "Invalid API Token");
    }

    private static ApiError invalidFormat() {
        return new ApiError(
                400,
                List.of(new ApiError.Item(
                        ApiError.INVALID_HEADERS,
                        "Invalid request headers",
                        List.of(new ApiError.Item(
                                ApiError.INVALID_AUTHORIZATION_FORMAT, "Invalid format for Authorization header")))));
    }
}
