package dev.landfall.serve;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.landfall.core.codec.OpaqueCursor;
import dev.landfall.core.io.Utf8;
import dev.landfall.core.model.Key;
import dev.landfall.core.model.KvErrorCodes;
import dev.landfall.core.model.KvLimits;
import dev.landfall.core.model.KvRefusals;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Cloudflare's KV limits ({@link KvLimits}) as {@link KvError}s, worded as the sandbox (and so
 * Miniflare) words them, so a client sees the same refusal from Cloudflare, the sandbox and serve:
 * the limits of one write are {@link KvRefusals}', shared with the sandbox.
 */
final class KvRules {
    /**
     * The smallest {@code limit} the REST key list takes, as Cloudflare's schema says (10..1000);
     * workerd's binding asks for as few as 1, so {@link #limit} keeps 1 as its floor.
     */
    static final int MIN_REST_LIST_LIMIT = 10;

    private static final JsonFactory JSON = new JsonFactory();

    private KvRules() {}

    /** The key itself, or the 400/414 for an empty, dot, non-UTF-8 or over-long key. */
    static Key key(Key key) {
        byte[] bytes = key.bytes();
        KvRefusals.checkKey(bytes, strictUtf8(bytes), KvError::new);
        return key;
    }

    static void value(byte[] value) {
        KvRefusals.checkValueSize(value.length, KvError::new);
    }

    /**
     * The metadata to store: null for none (null, blank or JSON {@code null}), else the text
     * stripped, after checking it is one JSON value of at most 1024 bytes.
     */
    static String metadata(String json) {
        if (json == null || json.isBlank()) {
            return null;
        }
        String text = json.strip();
        try (JsonParser p = JSON.createParser(text)) {
            JsonToken first = p.nextToken();
            p.skipChildren();
            if (first == null || p.nextToken() != null) {
                throw KvError.badRequest(KvErrorCodes.INVALID_METADATA, "Invalid metadata: it is not one JSON value.");
            }
            if (first == JsonToken.VALUE_NULL) {
                return null;
            }
        } catch (IOException e) {
            throw KvError.badRequest(KvErrorCodes.INVALID_METADATA, "Invalid metadata: it is not JSON.");
        }
        KvRefusals.checkMetadataSize(text.getBytes(StandardCharsets.UTF_8).length, KvError::new);
        return text;
    }

    /**
     * The absolute expiry in epoch seconds from an {@code expiration} and an {@code
     * expiration_ttl} (either null); the TTL wins, as on Cloudflare. Null when neither is given.
     */
    static Long expiration(Long expiration, Long ttl, long now) {
        if (ttl != null) {
            return KvRefusals.expiryOfTtl(ttl, now, KvError::new);
        }
        return expiration == null ? null : KvRefusals.checkExpiration(expiration, now, KvError::new);
    }

    /** A list limit: 1 to 1000, 1000 when not given. */
    static int limit(Integer limit) {
        if (limit == null) {
            return 1000;
        }
        if (limit < 1 || limit > 1000) {
            throw KvError.badRequest(
                    KvErrorCodes.INVALID_PARAMETER,
                    "Invalid limit of " + limit + ". Please specify an integer from 1 to 1000.");
        }
        return limit;
    }

    private static String strictUtf8(byte[] bytes) {
        if (ascii(bytes)) {
            // Most keys: valid UTF-8 as they are, with no decoder to make (this runs on every read).
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }
        if (!Utf8.isValid(bytes)) {
            throw KvError.badRequest(KvErrorCodes.INVALID_KEY, "The key name is not valid UTF-8.");
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** The key an opaque list cursor continues after, null for none (null or blank), or a 400. */
    static Key cursor(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        try {
            return Key.ofBytes(OpaqueCursor.decode(cursor));
        } catch (OpaqueCursor.Invalid e) {
            throw KvError.badRequest(KvErrorCodes.INVALID_PARAMETER, e.getMessage());
        }
    }

    private static boolean ascii(byte[] bytes) {
        for (byte b : bytes) {
            if (b < 0) {
                return false;
            }
        }
        return true;
    }
}
