package dev.landfall.verify.latency.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.landfall.verify.latency.DualRunResult;
import dev.landfall.verify.latency.EndpointStats;
import dev.landfall.verify.latency.Mismatch;
import dev.landfall.verify.latency.ParitySummary;
import dev.landfall.verify.latency.SamplesWritten;
import dev.landfall.verify.latency.parity.Difference;
import dev.landfall.verify.latency.slo.SloCheck;
import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Map;

/**
 * A dual run as one JSON document; the schema is documented in {@code docs/dual-run.md}. Latencies
 * are milliseconds ({@code *_ms}), rates are fractions 0..1 ({@code *_rate}); a figure that has no
 * data (nothing answered) is {@code null}.
 */
public final class LatencyJsonRenderer {
    private static final JsonFactory JSON = new JsonFactory();

    public void render(DualRunResult r, Writer out) throws IOException {
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.useDefaultPrettyPrinter();
            g.writeStartObject();
            g.writeStringField("verdict", r.passed() ? "pass" : "breach");
            g.writeBooleanField("stopped", r.stopped());
            g.writeStringField("started_at", r.startedAt().toString());
            g.writeStringField("corpus", r.corpus());
            g.writeObjectFieldStart("load");
            number(g, "target_rps", r.config().rate());
            number(g, "achieved_rps", r.achievedRate());
            number(g, "duration_s", r.config().duration().toNanos() / 1e9);
            number(g, "warmup_s", r.config().warmup().toNanos() / 1e9);
            number(g, "measured_s", r.measured().toNanos() / 1e9);
            g.writeNumberField("connections", r.config().connections());
            g.writeEndObject();
            endpoint(g, "baseline", r.baseline());
            endpoint(g, "candidate", r.candidate());
            g.writeObjectFieldStart("speedup");
            for (String p : List.of("p50", "p90", "p99", "p99.9", "max")) {
                number(g, p.replace('.', '_'), r.speedup(p));
            }
            g.writeEndObject();
            parity(g, r.parity());
            g.writeObjectFieldStart("slo");
            g.writeStringField("expression", r.verdict().slo());
            g.writeBooleanField("passed", r.verdict().passed());
            g.writeArrayFieldStart("checks");
            for (SloCheck c : r.verdict().checks()) {
                g.writeStartObject();
                g.writeStringField("term", c.term().text());
                g.writeStringField("metric", c.term().metric());
                number(g, "actual", c.actual());
                g.writeStringField("actual_text", c.actualText());
                g.writeBooleanField("passed", c.passed());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
            if (r.samples().isPresent()) {
                SamplesWritten w = r.samples().get();
                g.writeObjectFieldStart("samples");
                g.writeStringField("target", w.target());
                g.writeStringField("table", w.table());
                g.writeStringField("run_id", w.runId());
                g.writeStringField("region", w.region());
                g.writeNumberField("written", w.written());
                g.writeNumberField("lost", w.lost());
                g.writeStringField("error", w.error());
                g.writeEndObject();
            }
            g.writeEndObject();
        }
        out.write('\n');
        out.flush();
    }

    private static void endpoint(JsonGenerator g, String name, EndpointStats s) throws IOException {
        g.writeObjectFieldStart(name);
        g.writeStringField("url", s.url());
        g.writeNumberField("requests", s.requests());
        g.writeNumberField("responses", s.responses());
        g.writeNumberField("errors", s.errors());
        number(g, "error_rate", s.errorRate());
        number(g, "throughput_rps", s.throughputRps());
        number(g, "p50_ms", s.p50Ms());
        number(g, "p90_ms", s.p90Ms());
        number(g, "p99_ms", s.p99Ms());
        number(g, "p99_9_ms", s.p99_9Ms());
        number(g, "max_ms", s.maxMs());
        number(g, "mean_ms", s.meanMs());
        g.writeObjectFieldStart("statuses");
        for (Map.Entry<Integer, Long> e : new java.util.TreeMap<>(s.statuses()).entrySet()) {
            g.writeNumberField(Integer.toString(e.getKey()), e.getValue());
        }
        g.writeEndObject();
        g.writeEndObject();
    }

    private static void parity(JsonGenerator g, ParitySummary p) throws IOException {
        g.writeObjectFieldStart("parity");
        g.writeNumberField("compared", p.compared());
        g.writeNumberField("mismatches", p.mismatches());
        number(g, "mismatch_rate", p.mismatchRate());
        g.writeNumberField("not_compared", p.notCompared());
        g.writeNumberField("noise_samples", p.noiseSamples());
        strings(g, "noise_paths", p.noisePaths());
        strings(g, "ignored_paths", p.ignoredPaths());
        g.writeArrayFieldStart("examples");
        for (Mismatch m : p.examples()) {
            g.writeStartObject();
            g.writeNumberField("index", m.index());
            g.writeStringField("request", m.request());
            g.writeNumberField("baseline_status", m.baselineStatus());
            g.writeNumberField("candidate_status", m.candidateStatus());
            g.writeArrayFieldStart("differences");
            for (Difference d : m.differences()) {
                g.writeStartObject();
                g.writeStringField("path", d.path());
                g.writeStringField("baseline", d.baseline());
                g.writeStringField("candidate", d.candidate());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void strings(JsonGenerator g, String name, List<String> values) throws IOException {
        g.writeArrayFieldStart(name);
        for (String v : values) {
            g.writeString(v);
        }
        g.writeEndArray();
    }

    /** Rounded to the microsecond (3 decimals of ms) or 6 significant decimals; NaN and infinity as null. */
    private static void number(JsonGenerator g, String name, double v) throws IOException {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            g.writeNullField(name);
        } else {
            g.writeNumberField(
                    name,
                    new java.math.BigDecimal(v)
                            .setScale(6, java.math.RoundingMode.HALF_EVEN)
                            .stripTrailingZeros());
        }
    }
}
