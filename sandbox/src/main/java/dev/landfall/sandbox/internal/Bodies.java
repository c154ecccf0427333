package dev.landfall.sandbox.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.landfall.core.model.KvErrorCodes;
import java.io.IOException;

/** Reading JSON request bodies with Cloudflare-style 400s. */
public final class Bodies {
    private Bodies() {}

    /** The body as a JSON tree, at most {@code limit} bytes. */
    public static JsonNode json(ApiRequest r, long limit) throws IOException {
        byte[] bytes = r.body(limit, "The request body");
        try {
            JsonNode node = Envelope.mapper().readTree(bytes);
            if (node == null || node.isMissingNode()) {
                throw ApiError.badRequest(KvErrorCodes.INVALID_BODY, "The request body is empty; JSON was expected.");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw ApiError.badRequest(KvErrorCodes.INVALID_BODY, "The request body is not valid JSON.");
        }
    }
}
