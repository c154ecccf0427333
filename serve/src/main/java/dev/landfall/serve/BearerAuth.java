package dev.landfall.serve;

import dev.landfall.core.config.Secret;
import dev.landfall.core.model.KvErrorCodes;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * The bearer-token check: nothing to check without a token; with one, {@code Authorization: Bearer
 * TOKEN} compared in constant time. Answers as Cloudflare does: 401 code 10000 without a token,
 * 403 code 1000 for a wrong one.
 */
final class BearerAuth {
    private final byte[] expected;

    BearerAuth(Optional<Secret> token) {
        this.expected =
                token.map(t -> t.reveal().getBytes(StandardCharsets.UTF_8)).orElse(null);
    }

    /** The refusal for this {@code Authorization} header, or empty when it may pass. */
    Optional<KvError> refusal(String authorization) {
        if (expected == null) {
            return Optional.empty();
        }
        String given = bearer(authorization);
        if (given == null) {
            return Optional.of(new KvError(401, 10000, "Authentication error"));
        }
        if (!MessageDigest.isEqual(expected, given.getBytes(StandardCharsets.UTF_8))) {
            return Optional.of(new KvError(403, KvErrorCodes.INVALID_TOKEN, "Invalid API Token"));
        }
        return Optional.empty();
    }

    private static String bearer(String h) {
        if (h == null) {
            return null;
        }
        h = h.strip();
        if (h.length() < 7 || !h.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        String token = h.substring(7).strip();
        return token.isEmpty() ? null : token;
    }
}
