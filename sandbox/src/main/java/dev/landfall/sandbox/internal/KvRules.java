package dev.landfall.sandbox.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.landfall.core.model.Key;
import dev.landfall.core.model.KvErrorCodes;
import dev.landfall.core.model.KvRefusals;
import java.nio.charset.StandardCharsets;

/**
 * Cloudflare's KV limits and the errors for breaking them (messages as Miniflare's emulation words
 * them): the limits of one write are {@link KvRefusals}', answered as {@link ApiError}s.
 */
public final class KvRules {
    public static final int MAX_BULK_GET_KEYS = 100;
    public static final long MAX_BULK_GET_BYTES = 25L * 1024 * 1024;

    private KvRules() {}

    /** A key from its bytes, or the 400/414 Cloudflare gives for an empty, dot or over-long key. */
    public static Key key(byte[] bytes) {
        KvRefusals.checkKey(bytes, ApiRequest.utf8(bytes, "key name"), ApiError::new);
        return Key.ofBytes(bytes);
    }

    /** A key from a JSON string. */
    public static Key key(String text) {
        return key(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The absolute expiry from {@code expiration} / {@code expiration_ttl} texts (either may be
     * null); the TTL wins. Null when neither is given.
     */
    public static Long expiration(String expiration, String ttl, long nowSeconds) {
        if (ttl != null && !ttl.isEmpty()) {
            long t = number(ttl, "Invalid expiration_ttl of " + ttl + ". Please specify integer greater than 0.");
            return fromTtl(t, nowSeconds);
        }
        if (expiration != null && !expiration.isEmpty()) {
            long e = number(
                    expiration,
                    "Invalid expiration of " + expiration
                            + ". Please specify integer greater than the current number of seconds since the UNIX epoch.");
            return absolute(e, nowSeconds);
        }
        return null;
    }

    public static long fromTtl(long ttl, long nowSeconds) {
        return KvRefusals.expiryOfTtl(ttl, nowSeconds, ApiError::new);
    }

    public static long absolute(long expiration, long nowSeconds) {
        return KvRefusals.checkExpiration(expiration, nowSeconds, ApiError::new);
    }

    /**
     * Checks metadata JSON text and returns it trimmed, or null for blank or {@code null}.
     * Stored as sent (after validation) so numbers keep their spelling.
     */
    public static String metadataText(String json) {
        if (json == null || json.isBlank()) {
            return null;
        }
        JsonNode node;
        try {
            node = Envelope.mapper().readTree(json);
        } catch (JsonProcessingException e) {
            throw ApiError.badRequest(KvErrorCodes.INVALID_METADATA, "Invalid metadata: it is not JSON.");
        }
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        return checkMetadataSize(json.strip());
    }

    /** Serializes metadata from a JSON body, or null for JSON null/absent. */
    public static String metadataNode(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        try {
            return checkMetadataSize(Envelope.mapper().writeValueAsString(node));
        } catch (JsonProcessingException e) {
            throw ApiError.badRequest(KvErrorCodes.INVALID_METADATA, "Invalid metadata.");
        }
    }

    private static String checkMetadataSize(String json) {
        KvRefusals.checkMetadataSize(json.getBytes(StandardCharsets.UTF_8).length, ApiError::new);
        return json;
    }

    public static void checkValueSize(long n) {
        KvRefusals.checkValueSize(n, ApiError::new);
    }

    private static long number(String text, String message) {
        try {
            return Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            throw ApiError.badRequest(KvErrorCodes.INVALID_EXPIRATION, message);
        }
    }
}
