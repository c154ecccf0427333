package dev.landfall.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.landfall.verify.latency.testing.DelayServer;
import dev.landfall.verify.latency.testing.DelayServer.Behaviour;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code landfall verify latency} end to end against two local servers: 2 ms (the new service)
 * and 12 ms (the old one). SLO thresholds sit where machine load cannot move the verdict: a breach
 * is asked below the injected delay (never reachable), a pass far above it.
 */
class VerifyLatencyCommandIT {
    private static DelayServer old12ms;
    private static DelayServer new2ms;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws Exception {
        old12ms = DelayServer.start(Behaviour.fixed(12_000));
        new2ms = DelayServer.start(Behaviour.fixed(2_000));
    }

    @AfterAll
    static void stop() {
        old12ms.close();
        new2ms.close();
    }

    private Path corpus() throws Exception {
        Path f = dir.resolve("requests.ndjson");
        Files.writeString(
                f,
                "{\"path\":\"/v1/keys/a\"}\n{\"method\":\"POST\",\"path\":\"/v1/verify\",\"body\":{\"key\":\"b\"}}\n");
        return f;
    }

    private List<String> args(String... more) throws Exception {
        List<String> a = new ArrayList<>(List.of(
                "verify",
                "latency",
                "--baseline",
                old12ms.url().toString(),
                "--candidate",
                new2ms.url().toString(),
                "--requests",
                corpus().toString(),
                "--rate",
                "100/s",
                "--duration",
                "2s",
                "--warmup",
                "500ms"));
        a.addAll(List.of(more));
        return a;
    }

    @Test
    void aHeldSloExitsZeroWithTheTextReport() throws Exception {
        CliRun r = CliRun.run(args("--slo", "p50<=1s,errors<=0%,mismatch<=0%,speedup(p50)>=1.2")
                .toArray(String[]::new));
        assertEquals(0, r.exitCode(), r.out() + r.err());
        assertTrue(r.out().contains("Verdict: pass."), r.out());
        assertTrue(r.out().contains("Parity: 0 of 200 answers differ"), r.out());
        assertTrue(r.out().contains("ok   speedup(p50)>=1.2"), r.out());
        assertTrue(r.err().contains("noisy fields: none"), r.err());
    }

    @Test
    void aBreachedSloExitsThreeAndJsonHasTheDocumentedFields() throws Exception {
        // The candidate answers after 2 ms at best: p50 <= 1 ms cannot hold.
        CliRun r = CliRun.run(args("--slo", "p50<=1ms,errors<=0.1%", "--json").toArray(String[]::new));
        assertEquals(3, r.exitCode(), r.err());
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertEquals("breach", j.get("verdict").asText());
        for (String side : List.of("baseline", "candidate")) {
            for (String f : List.of("p50Ms", "p90Ms", "p99Ms", "p999Ms", "maxMs", "errorRate", "throughputRps")) {
                assertTrue(j.get(side).get(f).isNumber(), side + "." + f + " in " + r.out());
            }
            assertEquals(200, j.get(side).get("requests").asLong());
        }
        assertTrue(j.at("/candidate/p50Ms").asDouble() >= 2.0);
        assertTrue(j.at("/baseline/p50Ms").asDouble() >= 12.0);
        assertEquals("p50<=1ms", j.at("/slo/checks/0/term").asText());
        assertFalse(j.at("/slo/checks/0/passed").asBoolean());
        assertTrue(j.at("/slo/checks/1/passed").asBoolean());
        assertEquals("", r.err(), "--json off a terminal prints no progress");
    }

    @Test
    void requestsCanBeMadeFromABundleWithATemplate() throws Exception {
        Path items = dir.resolve("items.json");
        Files.writeString(items, "[{\"key\":\"k1\",\"value\":\"a\"},{\"key\":\"k 2\",\"value\":\"b\"}]");
        Path bundle = dir.resolve("bundle");
        assertEquals(
                0,
                CliRun.run("import", "--from", "wrangler:" + items, "--kv", "KEYS", "--to", "bundle:" + bundle)
                        .exitCode());
        CliRun r = CliRun.run(
                "verify",
                "latency",
                "--baseline",
                old12ms.url().toString(),
                "--candidate",
                new2ms.url().toString(),
                "--requests-from",
                "bundle:" + bundle,
                "--template",
                "GET /v1/keys/{key}",
                "--rate",
                "50",
                "--duration",
                "1s",
                "--warmup",
                "0",
                "--slo",
                "mismatch<=0%",
                "--json");
        assertEquals(0, r.exitCode(), r.out() + r.err());
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertEquals(50, j.at("/parity/compared").asLong());
        assertTrue(j.get("corpus").asText().contains("template GET /v1/keys/{key}"), r.out());
    }

    @Test
    void badInputExitsTwoWithAClearMessage() throws Exception {
        String b = old12ms.url().toString();
        String c = new2ms.url().toString();
        String f = corpus().toString();
        String[][] cases = {
            {
                "--rate fast is not a rate",
                "verify",
                "latency",
                "--baseline",
                b,
                "--candidate",
                c,
                "--requests",
                f,
                "--rate",
                "fast"
            },
            {
                "--baseline ftp://x is not an http(s) URL",
                "verify",
                "latency",
                "--baseline",
                "ftp://x",
                "--candidate",
                c,
                "--requests",
                f
            },
            {
                "--slo 'p99<10'",
                "verify",
                "latency",
                "--baseline",
                b,
                "--candidate",
                c,
                "--requests",
                f,
                "--slo",
                "p99<10"
            },
            {"give exactly one of --requests", "verify", "latency", "--baseline", b, "--candidate", c},
            {
                "--requests-from needs --template",
                "verify",
                "latency",
                "--baseline",
                b,
                "--candidate",
                c,
                "--requests-from",
                "bundle:x"
            },
            {"no such file", "verify", "latency", "--baseline", b, "--candidate", c, "--requests", f + ".missing"},
            {
                "--duration 10 needs a unit",
                "verify",
                "latency",
                "--baseline",
                b,
                "--candidate",
                c,
                "--requests",
                f,
                "--duration",
                "10"
            },
            {
                "--ignore items must start with $",
                "verify",
                "latency",
                "--baseline",
                b,
                "--candidate",
                c,
                "--requests",
                f,
                "--ignore",
                "items"
            },
            {
                "--connections 0 is out of range",
                "verify",
                "latency",
                "--baseline",
                b,
                "--candidate",
                c,
                "--requests",
                f,
                "--connections",
                "0"
            },
            {"Missing required option: '--candidate=URL'", "verify", "latency", "--baseline", b, "--requests", f},
        };
        for (String[] k : cases) {
            String[] argv = java.util.Arrays.copyOfRange(k, 1, k.length);
            CliRun r = CliRun.run(argv);
            assertEquals(2, r.exitCode(), String.join(" ", argv) + "\n" + r.err());
            assertTrue(r.err().contains(k[0]), "expected '" + k[0] + "' in: " + r.err());
            assertTrue(r.err().contains("hint:"), r.err());
            assertEquals("", r.out());
        }
    }

    @Test
    void anUnreachableEndpointExitsOneNamingIt() throws Exception {
        String dead;
        try (DelayServer gone = DelayServer.start(Behaviour.fixed(0))) {
            dead = gone.url().toString();
        }
        CliRun r = CliRun.run(args().stream()
                .map(a -> a.equals(new2ms.url().toString()) ? dead : a)
                .toArray(String[]::new));
        assertEquals(1, r.exitCode(), r.err());
        assertTrue(r.err().contains("--candidate " + dead + " gave no answer"), r.err());
    }

    @Test
    void onATerminalProgressIsRedrawnInPlace() throws Exception {
        CliRun r = CliRun.runOnTerminal(
                java.util.Map.of(), args("--slo", "p50<=1s").toArray(String[]::new));
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.err().contains("\r\033[2K"), r.err());
        assertTrue(r.err().matches("(?s).*baseline +\\d+ req/s p99 .*candidate +\\d+ req/s p99 .*"), r.err());
    }
}
