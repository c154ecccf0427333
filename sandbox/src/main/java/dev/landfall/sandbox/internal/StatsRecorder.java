package dev.landfall.sandbox.internal;

import dev.landfall.sandbox.SandboxStats;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Counts requests, answers, 429s and faults; thread-safe. */
public final class StatsRecorder {
    private final LongAdder total = new LongAdder();
    private final Map<String, LongAdder> byRoute = new ConcurrentHashMap<>();
    private final Map<Integer, LongAdder> byStatus = new ConcurrentHashMap<>();
    private final LongAdder rateLimited = new LongAdder();
    private final LongAdder injected429 = new LongAdder();
    private final Map<String, LongAdder> faults = new ConcurrentHashMap<>();

    public void request(String route) {
        total.increment();
        byRoute.computeIfAbsent(route, r -> new LongAdder()).increment();
    }

    public void status(int status) {
        byStatus.computeIfAbsent(status, s -> new LongAdder()).increment();
    }

    public void rateLimited() {
        rateLimited.increment();
    }

    public void fault(FaultPlan.Kind kind) {
        if (kind == FaultPlan.Kind.NONE) {
            return;
        }
        if (kind == FaultPlan.Kind.TOO_MANY_REQUESTS) {
            injected429.increment();
        }
        faults.computeIfAbsent(kind.label(), k -> new LongAdder()).increment();
    }

    public SandboxStats snapshot() {
        Map<String, Long> routes = new TreeMap<>();
        byRoute.forEach((k, v) -> routes.put(k, v.sum()));
        Map<Integer, Long> statuses = new TreeMap<>();
        byStatus.forEach((k, v) -> statuses.put(k, v.sum()));
        Map<String, Long> f = new LinkedHashMap<>();
        for (FaultPlan.Kind k : FaultPlan.Kind.values()) {
            if (k != FaultPlan.Kind.NONE) {
                LongAdder a = faults.get(k.label());
                f.put(k.label(), a == null ? 0 : a.sum());
            }
        }
        return new SandboxStats(total.sum(), routes, statuses, rateLimited.sum(), injected429.sum(), f);
    }

    /** The stats as the JSON document {@code GET /__sandbox/stats} serves. */
    public static byte[] json(SandboxStats s) {
        return Envelope.write(g -> {
            g.writeStartObject();
            g.writeNumberField("total_requests", s.totalRequests());
            g.writeObjectFieldStart("requests_by_route");
            for (Map.Entry<String, Long> e : new TreeMap<>(s.requestsByRoute()).entrySet()) {
                g.writeNumberField(e.getKey(), e.getValue());
            }
            g.writeEndObject();
            g.writeObjectFieldStart("responses_by_status");
            for (Map.Entry<Integer, Long> e : new TreeMap<>(s.responsesByStatus()).entrySet()) {
                g.writeNumberField(String.valueOf(e.getKey()), e.getValue());
            }
            g.writeEndObject();
            g.writeObjectFieldStart("rate_limited");
            g.writeNumberField("limit", s.rateLimited());
            g.writeNumberField("injected", s.injected429());
            g.writeNumberField("total", s.rateLimited() + s.injected429());
            g.writeEndObject();
            g.writeObjectFieldStart("faults");
            for (FaultPlan.Kind k : FaultPlan.Kind.values()) {
                if (k != FaultPlan.Kind.NONE) {
                    writeCount(g, k.label(), s.faults(k.label()));
                }
            }
            g.writeEndObject();
            g.writeEndObject();
        });
    }

    private static void writeCount(com.fasterxml.jackson.core.JsonGenerator g, String name, long n) throws IOException {
        g.writeNumberField(name, n);
    }
}
