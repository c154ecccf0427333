package dev.landfall.sandbox.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The change-log routes of protocol 2 (docs/export-worker-protocol.md §7), {@code
 * changes/{shard}/read|trim|reset}, and the {@code capture} member of {@code info}. Without a log
 * (capture off) every change route is unknown, as on a Worker with no {@code LANDFALL_CHANGES}
 * binding. The caller has checked the secret.
 */
final class ChangeLogRoutes {
    /** The binding name {@code info} reports, as the real Worker's. */
    static final String BINDING = "LANDFALL_CHANGES";

    private static final int MAX_CHANGES = 10_000;
    private static final int DEFAULT_CHANGES = 1000;
    private static final Pattern SHARD = Pattern.compile("0|[1-9][0-9]{0,8}");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Optional<ChangeLog> log;
    private final String account;

    /**
     * @param log the sandbox's change log, or empty when capture is off
     * @param account the sandbox's account id, which {@code info} names as the log's
     */
    ChangeLogRoutes(Optional<ChangeLog> log, String account) {
        this.log = log;
        this.account = account;
    }

    /** Adds {@code capture} to a v2 {@code info} answer: null when capture is off. */
    void describe(ObjectNode info) {
        if (log.isEmpty()) {
            info.putNull("capture");
            return;
        }
        info.putObject("capture")
                .put("binding", BINDING)
                .put("shards", log.get().shards())
                .put("capacity", log.get().capacity())
                .put("account", account);
    }

    /**
     * Answers {@code changes/{shard}/{operation}}.
     *
     * @param shard the path segment as sent
     */
    WorkerAnswer answer(String method, String shard, String operation, byte[] body)
            throws ExportWorkerHandler.BadRequest {
        Optional<ChangeShard> target = log.isPresent() && SHARD.matcher(shard).matches()
                ? log.get().readable(Integer.parseInt(shard))
                : Optional.empty();
        if (target.isEmpty()) {
            return WorkerAnswer.error(
                    404, log.isEmpty() ? "no change log: capture is off" : "no change-log shard " + shard);
        }
        if (!operation.equals("read") && !operation.equals("trim") && !operation.equals("reset")) {
            return WorkerAnswer.error(404, "not found");
        }
        if (!method.equals("POST")) {
            return WorkerAnswer.error(405, "not found");
        }
        JsonNode request = ExportWorkerHandler.parse(body);
        return switch (operation) {
            case "read" -> read(target.get(), request);
            case "trim" -> trim(target.get(), request);
            default -> WorkerAnswer.json(200, status(target.get().reset()));
        };
    }

    private static WorkerAnswer read(ChangeShard shard, JsonNode request) throws ExportWorkerHandler.BadRequest {
        int limit = ExportWorkerHandler.limit(request.get("limit"), DEFAULT_CHANGES, MAX_CHANGES);
        long after = seq(request.get("after"), "after", 0);
        ChangeShard.Page page = shard.read(after, limit);
        ObjectNode out = status(page.status());
        ArrayNode changes = out.putArray("changes");
        for (ChangeShard.Change c : page.changes()) {
            ObjectNode change = changes.addObject()
                    .put("seq", c.seq())
                    .put("binding", c.binding())
                    .put("key", c.key())
                    .put("op", c.op().wire())
                    .put("time", c.time());
            if (c.expiration() == null) {
                change.putNull("expiration");
            } else {
                change.put("expiration", c.expiration());
            }
        }
        if (page.next() == null) {
            out.putNull("next");
        } else {
            out.put("next", page.next());
        }
        return WorkerAnswer.json(200, out);
    }

    private static WorkerAnswer trim(ChangeShard shard, JsonNode request) throws ExportWorkerHandler.BadRequest {
        JsonNode epoch = request.get("epoch");
        if (epoch == null || !epoch.isTextual()) {
            throw new ExportWorkerHandler.BadRequest("epoch must be the shard's epoch, as read answered it");
        }
        long through = seq(request.get("through"), "through", -1);
        if (through < 0) {
            throw new ExportWorkerHandler.BadRequest("through must be a seq: an integer of 0 or more");
        }
        ChangeShard.Trim t = shard.trim(epoch.asText(), through);
        if (!t.matched()) {
            return WorkerAnswer.error(409, "epoch mismatch");
        }
        return WorkerAnswer.json(
                200, MAPPER.createObjectNode().put("trimmed", t.trimmed()).put("pending", t.pending()));
    }

    /** A seq member: an integer of 0 or more; absent or null is {@code fallback}. */
    private static long seq(JsonNode node, String name, long fallback) throws ExportWorkerHandler.BadRequest {
        if (node == null || node.isNull()) {
            return fallback;
        }
        if (!node.isIntegralNumber() || !node.canConvertToLong() || node.asLong() < 0) {
            throw new ExportWorkerHandler.BadRequest(name + " must be a seq: an integer of 0 or more");
        }
        return node.asLong();
    }

    private static ObjectNode status(ChangeShard.Status s) {
        ObjectNode out = MAPPER.createObjectNode()
                .put("shard", s.shard())
                .put("epoch", s.epoch())
                .put("since", s.since())
                .put("now", s.now())
                .put("head", s.head())
                .put("pending", s.pending())
                .put("capacity", s.capacity());
        if (s.overflow() == null) {
            out.putNull("overflow");
        } else {
            out.putObject("overflow")
                    .put("dropped", s.overflow().dropped())
                    .put("first", s.overflow().first())
                    .put("last", s.overflow().last());
        }
        s.writerShards().forEach(out.putArray("writerShards")::add);
        return out;
    }
}
