package dev.landfall.cloudflare.worker;

import com.fasterxml.jackson.databind.JsonNode;
import dev.landfall.core.error.LandfallException;
import dev.landfall.core.live.Change;
import dev.landfall.core.live.Overflow;
import dev.landfall.core.live.ShardState;
import dev.landfall.core.model.Key;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/** Reads the change-log answers of docs/export-worker-protocol.md §7. */
final class ChangeLogAnswers {
    private ChangeLogAnswers() {}

    static ShardState state(JsonNode n) {
        JsonNode o = n.path("overflow");
        Overflow overflow = o.isObject()
                ? new Overflow(
                        o.path("dropped").asLong(),
                        o.path("first").asLong(),
                        o.path("last").asLong())
                : null;
        List<Integer> writers = new ArrayList<>();
        n.path("writerShards").forEach(w -> writers.add(w.asInt()));
        String epoch = required(n, "epoch").asText();
        return new ShardState(
                required(n, "shard").asInt(),
                epoch,
                n.path("since").asLong(),
                required(n, "now").asLong(),
                n.path("head").asLong(),
                n.path("pending").asLong(),
                n.path("capacity").asLong(),
                overflow,
                writers);
    }

    static Change change(int shard, JsonNode c, BiFunction<String, String, dev.landfall.core.model.Scope> scopeOf) {
        String binding = required(c, "binding").asText();
        String key = required(c, "key").asText();
        JsonNode expiration = c.path("expiration");
        return new Change(
                shard,
                required(c, "seq").asLong(),
                binding,
                scopeOf.apply(binding, key),
                Key.of(key),
                Change.Op.parse(required(c, "op").asText()),
                required(c, "time").asLong(),
                expiration.isNumber() ? expiration.asLong() : null);
    }

    private static JsonNode required(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            throw LandfallException.failed(
                    "the export Worker's change-log answer has no " + field,
                    "redeploy the export Worker from this Landfall release (landfall export-worker scaffold --capture)");
        }
        return v;
    }
}
