package dev.landfall.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.landfall.core.model.Key;
import dev.landfall.sandbox.DoSeed;
import dev.landfall.sandbox.KvSeed;
import dev.landfall.sandbox.RateLimit;
import dev.landfall.sandbox.SandboxConfig;
import dev.landfall.sandbox.SandboxServer;
import dev.landfall.sandbox.internal.KvItem;
import dev.landfall.sandbox.internal.KvNamespaceState;
import dev.landfall.sandbox.internal.KvValue;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code landfall inventory} end to end against the in-process sandbox. */
class InventoryCommandTest {
    private static final String TOKEN = "tok-INVENTORY-S3CRET-0123456789";
    private static final String KEYS = "/accounts/{account_id}/storage/kv/namespaces/{namespace_id}/keys";
    private static final String BULK_GET = "/accounts/{account_id}/storage/kv/namespaces/{namespace_id}/bulk/get";

    private static SandboxServer sandbox() {
        return SandboxServer.start(SandboxConfig.builder()
                .token(TOKEN)
                .rateLimit(RateLimit.UNLIMITED)
                .randomSeed(7)
                .seedKv(List.of(KvSeed.parse("SESSIONS=2500"), KvSeed.parse("FLAGS=40")))
                .seedDo(List.of(DoSeed.parse("Room=30x1")))
                .build());
    }

    private static void assertNoSecrets(CliRun r) {
        for (String text : List.of(r.out(), r.err())) {
            assertFalse(text.contains(TOKEN), "the token is printed");
            // The sandbox's variables: their values are never read, so never printed.
            assertFalse(text.contains("eu-west-1") || text.contains("*/5 * * * *"), "a variable's value is printed");
        }
    }

    @Test
    void textReportListsBindingsNamespacesAssessmentAndEstimate() {
        try (SandboxServer server = sandbox()) {
            CliRun r = CliRun.run(server.environment(), "inventory", "--request-path", "edge", "--verbose");
            assertEquals(0, r.exitCode(), r.err());
            for (String expected : List.of(
                    "Worker scripts",
                    "landfall-sandbox-app",
                    "API_SECRET     secret_text",
                    "(secret: name only)",
                    "SESSIONS",
                    "Room",
                    "queue (Queues)",
                    "answer: edge",
                    "answer: unanswered",
                    "Verdict: moderate.",
                    "key counts not taken",
                    "Per 1,000,000 text-valued keys")) {
                assertTrue(r.out().contains(expected), "missing '" + expected + "':\n" + r.out());
            }
            assertTrue(r.err().contains("http: GET"), "--verbose traces each exchange");
            assertEquals(0, server.stats().requests("GET", KEYS), "no key is listed without --count-keys");
            assertTrue(
                    r.err().contains("inventory: " + server.stats().totalRequests() + " API request(s) spent"),
                    r.err());
            assertNoSecrets(r);
        }
    }

    @Test
    void countKeysSaysUpFrontAndAfterwardWhatItSpent() throws IOException {
        try (SandboxServer server = sandbox()) {
            CliRun r = CliRun.run(server.environment(), "inventory", "--count-keys", "--format", "json");
            assertEquals(0, r.exitCode(), r.err());
            String err = r.err();
            int upFront = err.indexOf("--count-keys lists every key");
            assertTrue(upFront >= 0, err);
            assertTrue(upFront < err.indexOf("Worker script(s) read"), "said before any key is listed: " + err);
            long listed = server.stats().requests("GET", KEYS);
            assertEquals(3 + 1, listed, "2,500 keys in 3 pages, 40 in 1");
            long sampled = server.stats().requests("POST", BULK_GET);
            assertEquals(10 + 1, sampled, "1,000 of the 2,500 values, and all 40");
            assertTrue(
                    err.contains("(" + listed + " listing keys and " + sampled + " sampling values for --count-keys)"),
                    err);

            JsonNode doc = new ObjectMapper().readTree(r.out());
            assertEquals(1, doc.get("version").asInt());
            assertEquals(listed, doc.at("/requests/countKeys").asLong());
            assertEquals(sampled, doc.at("/requests/sampleValues").asLong());
            assertEquals(
                    server.stats().totalRequests(), doc.at("/requests/total").asLong());
            long sessions = 0;
            for (JsonNode ns : doc.get("kvNamespaces")) {
                if (ns.get("title").asText().equals("SESSIONS")) {
                    sessions = ns.at("/keys/count").asLong();
                }
            }
            assertEquals(2500, sessions);
            assertTrue(doc.at("/exportEstimate/keyCountsKnown").asBoolean());
            assertEquals("open", doc.at("/assessment/verdict").asText());
            assertTrue(doc.at("/assessment/findings/0/answer").isNull(), "unanswered is null in JSON");
            for (JsonNode script : doc.get("scripts")) {
                for (JsonNode b : script.get("bindings")) {
                    if (b.get("type").asText().equals("secret_text")
                            || b.get("type").asText().equals("plain_text")) {
                        assertEquals(0, b.get("references").size(), "a value is in " + b);
                    }
                }
            }
            assertNoSecrets(r);
        }
    }

    @Test
    void theEstimateIsWithinATenthOfTheRequestsTheExportThenSpends(@TempDir Path dir) throws IOException {
        try (SandboxServer server = SandboxServer.start(SandboxConfig.builder()
                .token(TOKEN)
                .rateLimit(RateLimit.UNLIMITED)
                .randomSeed(7)
                .seedKv(List.of(KvSeed.parse("SESSIONS=2500"), KvSeed.parse("FLAGS=40")))
                .build())) {
            // A cache of blobs beside them: about a quarter of its values are bytes that are not UTF-8.
            KvNamespaceState blobs = server.kvStore().create("BLOBS");
            SplittableRandom r = new SplittableRandom(21);
            for (int i = 0; i < 1_500; i++) {
                byte[] value = r.nextInt(4) == 0
                        ? new byte[] {(byte) 0xFF, (byte) r.nextInt(256), (byte) 0xFE}
                        : ("text " + i).getBytes(StandardCharsets.UTF_8);
                blobs.put(new KvItem(Key.of(String.format("blob/%05d", i)), KvValue.of(value), null, null));
            }

            CliRun inventory = CliRun.run(server.environment(), "inventory", "--count-keys", "--format", "json");
            assertEquals(0, inventory.exitCode(), inventory.err());
            JsonNode estimate = new ObjectMapper().readTree(inventory.out()).get("exportEstimate");
            assertEquals("estimate", estimate.get("kind").asText(), "keys counted and values sampled");
            long kvRequests = 0;
            long textOnly = 0;
            for (JsonNode line : estimate.get("lines")) {
                if (!line.get("what").asText().equals("durable object lists")) {
                    kvRequests += line.get("requests").asLong();
                }
            }
            for (JsonNode ns : estimate.at("/inputs/kvNamespaces")) {
                long keys = ns.get("keys").asLong();
                textOnly += Math.max(1, (keys + 999) / 1000) + (keys + 99) / 100;
                assertTrue(ns.at("/sample/values").asLong() > 0, ns.toString());
            }

            CliRun export = CliRun.run(server.environment(), "export", "--to", "bundle:" + dir.resolve("b"), "--json");
            assertEquals(0, export.exitCode(), export.err());
            long spent = new ObjectMapper()
                    .readTree(export.out())
                    .at("/api/requests")
                    .asLong();

            String says = "estimated " + kvRequests + ", spent " + spent + ": " + estimate.get("lines");
            assertTrue(Math.abs(kvRequests - spent) * 10 <= spent, says);
            assertTrue(
                    textOnly + 1 + 300 < spent,
                    "binary values are most of the cost, so counting them matters: " + (textOnly + 1)
                            + " without them; " + says);
        }
    }

    @Test
    void aWaitForTheBudgetIsSaidOnStderr() {
        // Six requests (scripts, two settings, two namespace lists, one object list): under 4 per 4 s
        // the fifth waits about 4 s, really, so the test stays this small.
        try (SandboxServer server = sandbox()) {
            CliRun r = CliRun.run(server.environment(), "inventory", "--api-budget", "4/4s", "--format", "json");
            assertEquals(0, r.exitCode(), r.err());
            assertEquals(6, server.stats().totalRequests());
            BudgetWait.assertSaidOnce("inventory", r.err());
            assertNoSecrets(r);
        }
    }

    @Test
    void answersFileMarkdownAndHtmlGoToFiles(@TempDir Path dir) throws IOException {
        try (SandboxServer server = sandbox()) {
            Path answers = dir.resolve("answers.txt");
            Files.writeString(answers, "request-path: offline\np99-target: 2s\ndata-heat: cold\nself-hostable: yes\n");
            Path md = dir.resolve("inventory.md");
            CliRun r = CliRun.run(
                    server.environment(),
                    "inventory",
                    "--answers",
                    answers.toString(),
                    "--format",
                    "md",
                    "--out",
                    md.toString());
            assertEquals(0, r.exitCode(), r.err());
            assertEquals("", r.out(), "the report went to --out");
            String text = Files.readString(md);
            assertTrue(text.startsWith("# Landfall inventory"), text);
            assertTrue(text.contains("Verdict: weak."), text);
            assertTrue(text.contains("| Must it be self-hostable? | yes |"), text);

            Path html = dir.resolve("inventory.html");
            r = CliRun.run(
                    server.environment(),
                    "inventory",
                    "--answers",
                    answers.toString(),
                    "--data-heat",
                    "hot",
                    "--format",
                    "html",
                    "--out",
                    html.toString());
            assertEquals(0, r.exitCode(), r.err());
            String page = Files.readString(html);
            assertTrue(page.contains("<td>How hot is its data?</td><td>hot</td>"), "the flag wins: " + page);
            assertFalse(page.contains(TOKEN));
        }
    }

    @Test
    void badInputExits2BeforeAnyRequest(@TempDir Path dir) throws IOException {
        try (SandboxServer server = sandbox()) {
            Path badAnswers = dir.resolve("answers.txt");
            Files.writeString(badAnswers, "request-path: edge\ndata-heat: tepid\n");
            String[][] cases = {
                {"--format", "xml"},
                {"--api-budget", "lots"},
                {"--api-budget", "off"},
                {"--request-path", "moon"},
                {"--p99-target", "fast"},
                {"--data-heat", "boiling"},
                {"--self-hostable", "maybe"},
                {"--answers", dir.resolve("none.txt").toString()},
                {"--answers", badAnswers.toString()},
                {"--from", "s3://bucket"},
                {"--from", "cloudflare://not/an/account"},
                {"--out", dir.resolve("no/such/dir/x.txt").toString()},
            };
            for (String[] c : cases) {
                List<String> args = new ArrayList<>(List.of("inventory"));
                args.addAll(List.of(c));
                CliRun r = CliRun.run(server.environment(), args.toArray(String[]::new));
                assertEquals(2, r.exitCode(), String.join(" ", c) + ": " + r.err());
                assertTrue(r.err().contains("hint: ") || r.err().contains("Usage:"), r.err());
                assertNoSecrets(r);
            }
            CliRun r = CliRun.run(server.environment(), "inventory", "--answers", badAnswers.toString());
            assertTrue(r.err().contains("answers.txt:2"), "names the file and line: " + r.err());
            assertEquals(0, server.stats().totalRequests(), "validation happens before any request");

            Map<String, String> noToken = new HashMap<>(server.environment());
            noToken.remove("CLOUDFLARE_API_TOKEN");
            r = CliRun.run(noToken, "inventory");
            assertEquals(2, r.exitCode());
            assertTrue(r.err().contains("CLOUDFLARE_API_TOKEN is not set"), r.err());
        }
    }

    @Test
    void aRejectedTokenExits2AndIsNeverPrinted() {
        try (SandboxServer server = sandbox()) {
            Map<String, String> wrong = new HashMap<>(server.environment());
            wrong.put("CLOUDFLARE_API_TOKEN", "wrong-" + TOKEN);
            CliRun r = CliRun.run(wrong, "inventory", "--verbose");
            assertEquals(2, r.exitCode(), r.err());
            assertTrue(r.err().toLowerCase().contains("token"), r.err());
            assertFalse(r.err().contains(TOKEN) || r.out().contains(TOKEN), "the token never appears");
        }
    }
}
