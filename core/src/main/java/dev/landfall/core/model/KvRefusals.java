package dev.landfall.core.model;

/**
 * How Workers KV refuses a write that breaks one of the {@link KvLimits}: Cloudflare's status and
 * {@link KvErrorCodes error code}, in the words the sandbox (and so Miniflare) uses. The sandbox and
 * {@code landfall serve} both check with these, so a client sees the same refusal from each; each
 * check throws what the server's {@link Refusal} makes of it.
 */
public final class KvRefusals {
    /** The exception a server answers a refusal with. */
    @FunctionalInterface
    public interface Refusal {
        RuntimeException of(int status, int code, String message);
    }

    private KvRefusals() {}

    /**
     * Refuses an empty key (400), {@code .} or {@code ..} (400), or one over {@link
     * KvLimits#MAX_KEY_BYTES} (414), in that order.
     *
     * @param text the key's bytes as text, which the caller has checked to be UTF-8
     */
    public static void checkKey(byte[] bytes, String text, Refusal refusal) {
        if (bytes.length == 0) {
            throw refusal.of(400, KvErrorCodes.INVALID_KEY, "Key names must not be empty");
        }
        if (text.equals(".") || text.equals("..")) {
            throw refusal.of(
                    400, KvErrorCodes.INVALID_KEY, "Illegal key name \"" + text + "\". Please use a different name.");
        }
        if (bytes.length > KvLimits.MAX_KEY_BYTES) {
            throw refusal.of(
                    414,
                    KvErrorCodes.INVALID_KEY,
                    "UTF-8 encoded length of " + bytes.length + " exceeds key length limit of " + KvLimits.MAX_KEY_BYTES
                            + ".");
        }
    }

    /** Refuses a value over {@link KvLimits#MAX_VALUE_BYTES} (413). */
    public static void checkValueSize(long bytes, Refusal refusal) {
        checkSize("Value", bytes, KvLimits.MAX_VALUE_BYTES, refusal);
    }

    /** Refuses metadata over {@link KvLimits#MAX_METADATA_BYTES} (413). */
    public static void checkMetadataSize(long bytes, Refusal refusal) {
        checkSize("Metadata", bytes, KvLimits.MAX_METADATA_BYTES, refusal);
    }

    private static void checkSize(String what, long bytes, long limit, Refusal refusal) {
        if (bytes > limit) {
            throw refusal.of(
                    413, KvErrorCodes.TOO_LARGE, what + " length of " + bytes + " exceeds limit of " + limit + ".");
        }
    }

    /**
     * The absolute expiry, in epoch seconds, of an {@code expiration_ttl}; refuses one under 1 or
     * under {@link KvLimits#MIN_TTL_SECONDS} (400).
     */
    public static long expiryOfTtl(long ttl, long nowSeconds, Refusal refusal) {
        if (ttl <= 0) {
            throw refusal.of(
                    400,
                    KvErrorCodes.INVALID_EXPIRATION,
                    "Invalid expiration_ttl of " + ttl + ". Please specify integer greater than 0.");
        }
        if (ttl < KvLimits.MIN_TTL_SECONDS) {
            throw refusal.of(
                    400,
                    KvErrorCodes.INVALID_EXPIRATION,
                    "Invalid expiration_ttl of " + ttl + ". Expiration TTL must be at least " + KvLimits.MIN_TTL_SECONDS
                            + ".");
        }
        return nowSeconds + ttl;
    }

    /**
     * An absolute {@code expiration}, in epoch seconds, as given; refuses one not after now or
     * sooner than {@link KvLimits#MIN_TTL_SECONDS} from now (400).
     */
    public static long checkExpiration(long expiration, long nowSeconds, Refusal refusal) {
        if (expiration <= nowSeconds) {
            throw refusal.of(
                    400,
                    KvErrorCodes.INVALID_EXPIRATION,
                    "Invalid expiration of " + expiration
                            + ". Please specify integer greater than the current number of seconds since the UNIX epoch.");
        }
        if (expiration < nowSeconds + KvLimits.MIN_TTL_SECONDS) {
            throw refusal.of(
                    400,
                    KvErrorCodes.INVALID_EXPIRATION,
                    "Invalid expiration of " + expiration + ". Expiration times must be at least "
                            + KvLimits.MIN_TTL_SECONDS + " seconds in the future.");
        }
        return expiration;
    }
}
