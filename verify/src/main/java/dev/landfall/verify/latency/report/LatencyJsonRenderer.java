package dev.landfall.verify.latency.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.landfall.core.report.JsonReport;
import dev.landfall.core.report.JsonReportRenderer;
import dev.landfall.verify.latency.DualRunResult;
import dev.landfall.verify.latency.EndpointStats;
import dev.landfall.verify.latency.ParitySummary;
import dev.landfall.verify.latency.SamplesWritten;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.TreeMap;

/**
 * A dual run as a {@link JsonReport} document; the fields are documented in {@code
 * docs/dual-run.md}. Latencies are milliseconds ({@code *Ms}), rates fractions 0..1 ({@code
 * *Rate}), durations seconds ({@code *Seconds}); a figure that has no data (nothing answered) is
 * {@code null}.
 */
public final class LatencyJsonRenderer implements JsonReportRenderer<DualRunResult> {
    private static final ObjectMapper RECORDS = new ObjectMapper();

    @Override
    public ObjectNode document(DualRunResult r) {
        ObjectNode root = JsonReport.newDocument();
        root.put("verdict", r.passed() ? "pass" : "breach");
        root.put("stopped", r.stopped());
        root.put("startedAt", r.startedAt().toString());
        root.put("corpus", r.corpus());
        ObjectNode load = root.putObject("load");
        number(load, "targetRps", r.config().rate());
        number(load, "achievedRps", r.achievedRate());
        load.put("durationSeconds", JsonReport.seconds(r.config().duration()));
        load.put("warmupSeconds", JsonReport.seconds(r.config().warmup()));
        load.put("measuredSeconds", JsonReport.seconds(r.measured()));
        load.put("connections", r.config().connections());
        endpoint(root.putObject("baseline"), r.baseline());
        endpoint(root.putObject("candidate"), r.candidate());
        ObjectNode generator = root.putObject("generator");
        generator.put("sent", r.lateness().sent());
        number(generator, "latenessP50Ms", r.lateness().p50Ms());
        number(generator, "latenessP99Ms", r.lateness().p99Ms());
        number(generator, "latenessMaxMs", r.lateness().maxMs());
        r.latenessWarning().ifPresentOrElse(w -> generator.put("warning", w), () -> generator.putNull("warning"));
        ObjectNode speedup = root.putObject("speedup");
        for (String p : Numbers.PERCENTILES) {
            number(speedup, p.replace(".", ""), r.speedup(p));
        }
        parity(root.putObject("parity"), r.parity());
        ObjectNode slo = root.putObject("slo");
        slo.put("expression", r.verdict().slo());
        slo.put("passed", r.verdict().passed());
        JsonReport.putObjects(slo, "checks", r.verdict().checks(), (check, c) -> {
            check.put("term", c.term().text());
            check.put("metric", c.term().metric());
            number(check, "actual", c.actual());
            check.put("actualText", c.actualText());
            check.put("passed", c.passed());
        });
        r.samples().ifPresent(w -> samples(root.putObject("samples"), w));
        return root;
    }

    private static void endpoint(ObjectNode o, EndpointStats s) {
        o.put("url", s.url());
        o.put("requests", s.requests());
        o.put("responses", s.responses());
        o.put("errors", s.errors());
        number(o, "errorRate", s.errorRate());
        number(o, "throughputRps", s.throughputRps());
        number(o, "p50Ms", s.p50Ms());
        number(o, "p90Ms", s.p90Ms());
        number(o, "p99Ms", s.p99Ms());
        number(o, "p999Ms", s.p99_9Ms());
        number(o, "maxMs", s.maxMs());
        number(o, "meanMs", s.meanMs());
        ObjectNode statuses = o.putObject("statuses");
        new TreeMap<>(s.statuses()).forEach((status, n) -> statuses.put(Integer.toString(status), n));
    }

    private static void parity(ObjectNode o, ParitySummary p) {
        o.put("compared", p.compared());
        o.put("mismatches", p.mismatches());
        number(o, "mismatchRate", p.mismatchRate());
        o.put("notCompared", p.notCompared());
        o.put("noiseSamples", p.noiseSamples());
        JsonReport.putStrings(o, "noisePaths", p.noisePaths());
        JsonReport.putStrings(o, "ignoredPaths", p.ignoredPaths());
        // Mismatch and Difference are records whose components are the documented fields, in order.
        o.set("examples", RECORDS.valueToTree(p.examples()));
    }

    private static void samples(ObjectNode o, SamplesWritten w) {
        // SampleDestination's components are the documented fields, in order; the counts follow.
        o.setAll((ObjectNode) RECORDS.valueToTree(w.destination()));
        o.put("written", w.written());
        o.put("lost", w.lost());
        o.put("error", w.error());
    }

    /** Rounded to the nanosecond (6 decimals of ms); NaN and infinity, which mean "no data", as null. */
    private static void number(ObjectNode o, String name, double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            o.putNull(name);
        } else {
            o.put(name, new BigDecimal(v).setScale(6, RoundingMode.HALF_EVEN).stripTrailingZeros());
        }
    }
}
