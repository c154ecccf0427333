package dev.landfall.verify.latency.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.landfall.verify.latency.DualRunConfig;
import dev.landfall.verify.latency.DualRunResult;
import dev.landfall.verify.latency.EndpointStats;
import dev.landfall.verify.latency.GeneratorLateness;
import dev.landfall.verify.latency.Mismatch;
import dev.landfall.verify.latency.ParitySummary;
import dev.landfall.verify.latency.PercentilePoint;
import dev.landfall.verify.latency.parity.Difference;
import dev.landfall.verify.latency.parity.PathPattern;
import dev.landfall.verify.latency.slo.Slo;
import dev.landfall.verify.latency.slo.SloInputs;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The three renderings of one known result. */
class LatencyRenderersTest {
    static DualRunResult result() {
        DualRunConfig config = new DualRunConfig(
                URI.create("https://old.example.workers.dev"),
                URI.create("http://new.example:8080/api"),
                500,
                Duration.ofSeconds(60),
                Duration.ofSeconds(10),
                16,
                Duration.ofSeconds(10),
                Slo.parse("p99<=10ms,mismatch<=0.1%,speedup>=2"),
                List.of(PathPattern.parse("$.ts")),
                20,
                20,
                1);
        List<PercentilePoint> oldCurve = List.of(
                new PercentilePoint(0, 10),
                new PercentilePoint(50, 12),
                new PercentilePoint(90, 20),
                new PercentilePoint(99, 30),
                new PercentilePoint(99.9, 45),
                new PercentilePoint(100, 60));
        List<PercentilePoint> newCurve = List.of(
                new PercentilePoint(0, 1),
                new PercentilePoint(50, 2),
                new PercentilePoint(90, 3),
                new PercentilePoint(99, 5),
                new PercentilePoint(99.9, 9),
                new PercentilePoint(100, 15));
        EndpointStats b = new EndpointStats(
                "https://old.example.workers.dev",
                30000,
                30000,
                3,
                500.0,
                12,
                20,
                30,
                45,
                60,
                13.5,
                Map.of(200, 29997L, 502, 3L),
                oldCurve);
        EndpointStats c = new EndpointStats(
                "http://new.example:8080/api",
                30000,
                29990,
                10,
                499.8,
                2,
                3,
                5,
                9,
                15,
                2.2,
                Map.of(200, 29990L),
                newCurve);
        ParitySummary parity = new ParitySummary(
                29987,
                60,
                13,
                20,
                List.of("$.requestId"),
                List.of("$.ts"),
                List.of(new Mismatch(
                        42, "GET /v1/keys/a<b>", 200, 200, List.of(new Difference("$.plan", "\"pro\"", "\"free\"")))));
        var verdict = config.slo()
                .evaluate(new SloInputs(c.latencies(), b.latencies(), c.errorRate(), parity.mismatchRate()));
        return new DualRunResult(
                config,
                "requests.ndjson",
                Instant.parse("2026-11-29T08:00:00Z"),
                Duration.ofSeconds(60),
                499.5,
                b,
                c,
                new GeneratorLateness(59980, 0.012, 0.085, 1.9),
                parity,
                verdict,
                false,
                Optional.empty());
    }

    @Test
    void jsonHasTheDocumentedFieldNames() throws Exception {
        StringWriter w = new StringWriter();
        new LatencyJsonRenderer().render(result(), new PrintWriter(w));
        assertTrue(w.toString().startsWith("{\n  \"version\" : 1,\n"), w.toString());
        JsonNode j = new ObjectMapper().readTree(w.toString());
        assertEquals("breach", j.get("verdict").asText());
        for (String side : List.of("baseline", "candidate")) {
            for (String f : List.of(
                    "url",
                    "requests",
                    "responses",
                    "errors",
                    "errorRate",
                    "throughputRps",
                    "p50Ms",
                    "p90Ms",
                    "p99Ms",
                    "p999Ms",
                    "maxMs",
                    "meanMs",
                    "statuses")) {
                assertTrue(j.get(side).has(f), side + "." + f);
            }
        }
        assertEquals(30.0, j.at("/baseline/p99Ms").asDouble());
        assertEquals(9.0, j.at("/candidate/p999Ms").asDouble());
        assertEquals(3, j.at("/baseline/statuses/502").asLong());
        assertEquals(6.0, j.at("/speedup/p99").asDouble());
        assertEquals(5.0, j.at("/speedup/p999").asDouble());
        assertEquals("2026-11-29T08:00:00Z", j.get("startedAt").asText());
        assertEquals(200, j.at("/parity/examples/0/baselineStatus").asInt());
        assertEquals(13, j.at("/parity/notCompared").asLong());
        assertEquals("$.ts", j.at("/parity/ignoredPaths/0").asText());
        assertEquals(500, j.at("/load/targetRps").numberValue().intValue());
        assertTrue(w.toString().contains("\"targetRps\" : 500,"), "plain decimals, never 5E+2: " + w);
        assertEquals(500.0, j.at("/load/targetRps").asDouble());
        assertEquals(60.0, j.at("/load/durationSeconds").asDouble());
        assertEquals(10.0, j.at("/load/warmupSeconds").asDouble());
        assertEquals(60, j.at("/parity/mismatches").asLong());
        assertEquals("$.requestId", j.at("/parity/noisePaths/0").asText());
        assertEquals("$.plan", j.at("/parity/examples/0/differences/0/path").asText());
        assertEquals(
                "[{\"index\":42,\"request\":\"GET /v1/keys/a<b>\",\"baselineStatus\":200,\"candidateStatus\":200,"
                        + "\"differences\":[{\"path\":\"$.plan\",\"baseline\":\"\\\"pro\\\"\",\"candidate\":\"\\\"free\\\"\"}]}]",
                j.at("/parity/examples").toString(),
                "the documented fields, in the documented order");
        assertFalse(j.at("/slo/passed").asBoolean());
        assertEquals("mismatch<=0.1%", j.at("/slo/checks/1/term").asText());
        assertTrue(j.at("/slo/checks/1/actualText").isTextual());
        assertFalse(j.at("/slo/checks/1/passed").asBoolean());
        assertTrue(j.at("/slo/checks/0/passed").asBoolean());
    }

    @Test
    void textShowsTheTableAndTheVerdict() {
        StringWriter w = new StringWriter();
        new LatencyTextRenderer().render(result(), new PrintWriter(w));
        String t = w.toString();
        assertTrue(t.contains("candidate      2.000     3.000     5.000     9.000    15.000"), t);
        assertTrue(t.contains("speedup        6.00x     6.67x     6.00x     5.00x     4.00x"), t);
        assertTrue(t.contains("Parity: 60 of 29987 answers differ"), t);
        assertTrue(t.contains("$.plan: \"pro\" -> \"free\""), t);
        assertTrue(t.contains("FAIL mismatch<=0.1%"), t);
        assertTrue(t.endsWith("Verdict: BREACH (1 of 3 terms failed).\n"), t);
    }

    @Test
    void htmlIsSelfContainedWithBothCurvesAndEscapes() {
        StringWriter w = new StringWriter();
        new LatencyHtmlRenderer().render(result(), new PrintWriter(w));
        String h = w.toString();
        assertTrue(h.contains("<polyline class=\"baseline\""), h);
        assertTrue(h.contains("<polyline class=\"candidate\""), h);
        assertTrue(h.contains(">p99.9</text>"), h);
        assertTrue(h.contains("GET /v1/keys/a&lt;b&gt;"), h);
        assertFalse(h.contains("<script"), h);
        assertFalse(h.contains("src=\"http"), h);
        assertEquals(1, PercentilePlot.nines(90), 1e-9);
        assertEquals(3, PercentilePlot.nines(99.9), 1e-9);
        assertEquals(50, PercentilePlot.niceCeiling(45), 1e-9);
    }

    @Test
    void storedSamplesAreNamedInEveryRenderingAndALossIsLoud() throws Exception {
        DualRunResult r = result().withSamples(new dev.landfall.verify.latency.SamplesWritten(
                new dev.landfall.verify.latency.SampleDestination(
                        "clickhouse://app:****@ch:8123/analytics",
                        "landfall_latency_samples",
                        "cutover-1",
                        "eu-west-1"),
                29_000,
                1_000,
                "server went away"));
        StringWriter json = new StringWriter();
        new LatencyJsonRenderer().render(r, new PrintWriter(json));
        JsonNode j = new ObjectMapper().readTree(json.toString());
        assertEquals("cutover-1", j.at("/samples/runId").asText());
        assertEquals("eu-west-1", j.at("/samples/region").asText());
        assertEquals(29_000, j.at("/samples/written").asLong());
        assertEquals(1_000, j.at("/samples/lost").asLong());
        assertEquals("server went away", j.at("/samples/error").asText());
        StringWriter text = new StringWriter();
        new LatencyTextRenderer().render(r, new PrintWriter(text));
        assertTrue(
                text.toString()
                        .contains("Samples: run cutover-1 region eu-west-1: 29000 samples written to"
                                + " clickhouse://app:****@ch:8123/analytics table landfall_latency_samples;"
                                + " 1000 LOST (server went away)."),
                text.toString());
        StringWriter html = new StringWriter();
        new LatencyHtmlRenderer().render(r, new PrintWriter(html));
        assertTrue(html.toString().contains("<p id=\"samples\">Samples: run cutover-1"), html.toString());
        StringWriter none = new StringWriter();
        new LatencyJsonRenderer().render(result(), new PrintWriter(none));
        assertTrue(new ObjectMapper().readTree(none.toString()).path("samples").isMissingNode());
    }

    /** The known result with other generator lateness figures. */
    private static DualRunResult withLateness(GeneratorLateness l) {
        DualRunResult r = result();
        return new DualRunResult(
                r.config(),
                r.corpus(),
                r.startedAt(),
                r.measured(),
                r.achievedRate(),
                r.baseline(),
                r.candidate(),
                l,
                r.parity(),
                r.verdict(),
                r.stopped(),
                r.samples());
    }

    @Test
    void everyRenderingShowsTheGeneratorsLatenessWithoutAWarningWhenItIsSmall() throws Exception {
        DualRunResult r = result();
        StringWriter json = new StringWriter();
        new LatencyJsonRenderer().render(r, new PrintWriter(json));
        JsonNode j = new ObjectMapper().readTree(json.toString());
        assertEquals(59980, j.at("/generator/sent").asLong());
        assertEquals(0.012, j.at("/generator/latenessP50Ms").asDouble());
        assertEquals(0.085, j.at("/generator/latenessP99Ms").asDouble());
        assertEquals(1.9, j.at("/generator/latenessMaxMs").asDouble());
        assertTrue(j.at("/generator/warning").isNull(), json.toString());
        String text = render(new LatencyTextRenderer(), r);
        assertTrue(
                text.contains("  generator lateness (sent after the intended time): p50 0.012 ms, p99 0.085 ms,"
                        + " max 1.900 ms\n"),
                text);
        assertFalse(text.contains("WARNING"), text);
        String html = render(new LatencyHtmlRenderer(), r);
        assertTrue(
                html.contains("<p id=\"lateness\">Generator lateness (sent after the intended time): p50 0.012 ms,"),
                html);
        assertFalse(html.contains("lateness-warning"), html);
    }

    @Test
    void aLatenessAboveATenthOfTheSmallerP99IsAWarningInEveryRendering() throws Exception {
        // The candidate's p99 is 5 ms: 0.6 ms of lateness at p99 is 12% of it.
        DualRunResult r = withLateness(new GeneratorLateness(59980, 0.05, 0.6, 8));
        String warning = "the load generator sent requests late by 0.600 ms at p99, more than 10% of the measured"
                + " p99 (5.000 ms)";
        StringWriter json = new StringWriter();
        new LatencyJsonRenderer().render(r, new PrintWriter(json));
        JsonNode j = new ObjectMapper().readTree(json.toString());
        assertTrue(j.at("/generator/warning").asText().startsWith(warning), json.toString());
        String text = render(new LatencyTextRenderer(), r);
        assertTrue(text.contains("  WARNING: " + warning), text);
        String html = render(new LatencyHtmlRenderer(), r);
        assertTrue(html.contains("<p class=\"breach\" id=\"lateness-warning\">Warning: " + warning), html);
    }

    @Test
    void theWarningThresholdIsATenthOfTheSmallerP99() {
        DualRunResult r = result();
        assertTrue(
                new GeneratorLateness(10, 0.1, 0.5, 1)
                        .warning(r.baseline(), r.candidate())
                        .isEmpty(),
                "exactly 10%");
        assertTrue(new GeneratorLateness(10, 0.1, 0.501, 1)
                .warning(r.baseline(), r.candidate())
                .isPresent());
        assertTrue(GeneratorLateness.none().warning(r.baseline(), r.candidate()).isEmpty(), "no data, no warning");
    }

    private static String render(dev.landfall.core.report.ReportRenderer<DualRunResult> renderer, DualRunResult r) {
        StringWriter w = new StringWriter();
        renderer.render(r, new PrintWriter(w));
        return w.toString();
    }
}
