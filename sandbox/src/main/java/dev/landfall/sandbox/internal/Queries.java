package dev.landfall.sandbox.internal;

import dev.landfall.core.codec.OpaqueCursor;
import dev.landfall.core.model.KvErrorCodes;
import java.util.Optional;

/** Reading query parameters (numbers, choices, cursors) with Cloudflare-style 400s. */
public final class Queries {
    private Queries() {}

    /**
     * An integer query parameter in {@code [min, max]}, or {@code fallback} when absent or empty.
     *
     * @throws ApiError 400 naming the parameter when it is not a number or out of range
     */
    public static int intParam(ApiRequest r, String name, int fallback, int min, int max) {
        Optional<String> v = r.query(name).filter(s -> !s.isEmpty());
        if (v.isEmpty()) {
            return fallback;
        }
        long n;
        try {
            n = Long.parseLong(v.get().strip());
        } catch (NumberFormatException e) {
            throw ApiError.badRequest(
                    KvErrorCodes.INVALID_PARAMETER,
                    "Invalid " + name + " of " + v.get() + ". Please specify an integer.");
        }
        if (n < min) {
            throw ApiError.badRequest(
                    KvErrorCodes.INVALID_PARAMETER,
                    "Invalid " + name + " of " + n + ". Please specify an integer greater than or equal to " + min
                            + ".");
        }
        if (n > max) {
            throw ApiError.badRequest(
                    KvErrorCodes.INVALID_PARAMETER,
                    "Invalid " + name + " of " + n + ". Please specify an integer less than or equal to " + max + ".");
        }
        return (int) n;
    }

    /** Like {@link #intParam} but clamps out-of-range numbers instead of refusing them. */
    public static int clampedIntParam(ApiRequest r, String name, int fallback, int min, int max) {
        int n = intParam(r, name, fallback, Integer.MIN_VALUE + 1, Integer.MAX_VALUE);
        return Math.max(min, Math.min(max, n));
    }

    /**
     * The bytes an opaque list cursor continues after.
     *
     * @throws ApiError 400 code 10026 for a cursor the sandbox did not hand out
     */
    public static byte[] cursor(String cursor) {
        try {
            return OpaqueCursor.decode(cursor);
        } catch (OpaqueCursor.Invalid e) {
            throw ApiError.badRequest(KvErrorCodes.INVALID_PARAMETER, e.getMessage());
        }
    }

    /** One of {@code allowed}, or {@code fallback} when absent. */
    public static String choice(ApiRequest r, String name, String fallback, String... allowed) {
        Optional<String> v = r.query(name).filter(s -> !s.isEmpty());
        if (v.isEmpty()) {
            return fallback;
        }
        for (String a : allowed) {
            if (a.equals(v.get())) {
                return a;
            }
        }
        throw ApiError.badRequest(
                KvErrorCodes.INVALID_PARAMETER,
                "Invalid " + name + " '" + v.get() + "'. Use one of: " + String.join(", ", allowed) + ".");
    }
}
