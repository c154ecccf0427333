package dev.landfall.serve.workerd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.landfall.core.model.Entry;
import dev.landfall.core.model.KvErrorCodes;
import dev.landfall.serve.KvError;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The body of workerd's {@code POST /bulk/get} ({@code KV.get([...])}): up to 100 keys, read as
 * text or JSON, with or without metadata, and how each found entry is shaped in the answer.
 */
record BulkGet(List<String> keys, boolean json, boolean withMetadata, String cacheTtl) {
    private static final ObjectMapper JSON = new ObjectMapper();

    static BulkGet parse(byte[] body) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (IOException e) {
            root = null;
        }
        if (root == null || !root.path("keys").isArray()) {
            throw KvError.badRequest(
                    KvErrorCodes.INVALID_BODY, "A bulk get body is a JSON object with a \"keys\" array.");
        }
        List<String> keys = new ArrayList<>();
        root.get("keys").forEach(k -> keys.add(k.asText()));
        if (keys.isEmpty()) {
            throw KvError.badRequest(KvErrorCodes.INVALID_BODY, "You must request a minimum of 1 key");
        }
        if (keys.size() > WorkerdKvHandler.MAX_BULK_KEYS) {
            throw KvError.badRequest(
                    KvErrorCodes.INVALID_BODY,
                    "You can request a maximum of " + WorkerdKvHandler.MAX_BULK_KEYS + " keys");
        }
        String type = root.path("type").asText("text");
        if (!type.equals("text") && !type.equals("json")) {
            throw KvError.badRequest(
                    KvErrorCodes.INVALID_BODY, "\"" + type + "\" is not a valid type. Use \"json\" or \"text\"");
        }
        JsonNode ttl = root.get("cacheTtl");
        return new BulkGet(
                keys,
                type.equals("json"),
                root.path("withMetadata").asBoolean(false),
                ttl == null ? null : ttl.asText());
    }

    /** A found entry as the answer carries it. */
    JsonNode shape(Entry entry) {
        String text = new String(entry.value(), StandardCharsets.UTF_8);
        JsonNode value;
        if (json) {
            try {
                value = JSON.readTree(text);
            } catch (IOException e) {
                throw KvError.badRequest(
                        KvErrorCodes.INVALID_BODY,
                        "At least one of the requested keys corresponds to a non-json value");
            }
        } else {
            value = JsonNodeFactory.instance.textNode(text);
        }
        if (!withMetadata) {
            return value;
        }
        ObjectNode shaped = JsonNodeFactory.instance.objectNode();
        shaped.set("value", value);
        try {
            shaped.set("metadata", entry.metadataJson() == null ? null : JSON.readTree(entry.metadataJson()));
        } catch (IOException e) {
            shaped.put("metadata", entry.metadataJson());
        }
        return shaped;
    }
}
