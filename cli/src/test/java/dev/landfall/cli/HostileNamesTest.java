package dev.landfall.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.landfall.core.text.RawControls;
import dev.landfall.sandbox.DoSeed;
import dev.landfall.sandbox.KvSeed;
import dev.landfall.sandbox.RateLimit;
import dev.landfall.sandbox.SandboxConfig;
import dev.landfall.sandbox.SandboxServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A namespace title and a Durable Object class name that try to act on the operator's terminal
 * (retitle it, clear it, reverse the line, cut it short) reach no output raw: every command's
 * stdout, stderr and report file shows them escaped, and JSON carries them exactly.
 */
class HostileNamesTest {
    private static final String TITLE = "evil\u001b]0;pwned\u0007\u001b[2J\u202Etitle\u0000";
    private static final String TITLE_SHOWN = "evil\\u001b]0;pwned\\u0007\\u001b[2J\\u202etitle\\u0000";
    private static final String CLASS = "Evil\u001b[31mRoom\u2066\u009b";
    private static final String CLASS_SHOWN = "Evil\\u001b[31mRoom\\u2066\\u009b";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    private static Path bundle;

    private static SandboxServer sandbox() {
        SandboxServer server = SandboxServer.start(SandboxConfig.builder()
                .rateLimit(RateLimit.UNLIMITED)
                .seedKv(List.of(new KvSeed(TITLE, 40, 64), new KvSeed("Sitzungen 🎉", 10, 64)))
                .seedDo(List.of(new DoSeed("Room", 2, 3)))
                .build());
        server.registerDurableObjects(CLASS, false, List.of("ab".repeat(32)));
        return server;
    }

    @BeforeAll
    static void export() {
        bundle = dir.resolve("bundle");
        try (SandboxServer server = sandbox()) {
            CliRun r = CliRun.run(server.environment(), "export", "--to", "bundle:" + bundle);
            // Without --do the account's Durable Object namespaces are left behind: named, escaped, exit 3.
            assertEquals(3, r.exitCode(), r.err());
            RawControls.assertNone("stdout of export", r.out());
            RawControls.assertNone("stderr of export", r.err());
            assertTrue(r.err().contains("Durable Object namespace " + CLASS_SHOWN), r.err());
            assertTrue(r.out().contains("kv " + TITLE_SHOWN + " ("), r.out());
            assertTrue(r.out().contains("kv Sitzungen 🎉 ("), "ordinary titles are untouched: " + r.out());
        }
    }

    @Test
    void planShowsTheTitleEscapedInEveryFormat() throws IOException {
        String store = "sqlite:" + dir.resolve("plan.db");
        CliRun text = run(Map.of(), "plan", "--from", "bundle:" + bundle, "--to", store);
        assertTrue(text.out().contains("kv " + TITLE_SHOWN), text.out());
        for (String format : List.of("md", "html")) {
            CliRun r = run(Map.of(), "plan", "--from", "bundle:" + bundle, "--to", store, "--format", format);
            assertTrue(r.out().contains(TITLE_SHOWN), format + ": " + r.out());
        }
        Path json = dir.resolve("plan.json");
        run(
                Map.of(),
                "plan",
                "--from",
                "bundle:" + bundle,
                "--to",
                store,
                "--format",
                "json",
                "--out",
                json.toString());
        RawControls.assertNone(json);
        assertTrue(titles(JSON.readTree(json.toFile()).get("scopes")).contains(TITLE), Files.readString(json));
    }

    @Test
    void importAndVerifyShowTheTitleEscaped() throws IOException {
        String store = "sqlite:" + dir.resolve("import.db");
        CliRun imported = run(Map.of(), "import", "--from", "bundle:" + bundle, "--to", store);
        assertTrue(imported.out().contains("kv " + TITLE_SHOWN), imported.out());
        CliRun json = run(Map.of(), "import", "--from", "bundle:" + bundle, "--to", store, "--json");
        assertTrue(titles(JSON.readTree(json.out()).get("scopes")).contains(TITLE), json.out());

        CliRun verified = run(Map.of(), "verify", "data", "--from", "bundle:" + bundle, "--to", store);
        assertTrue(verified.out().contains("kv " + TITLE_SHOWN), verified.out());
        for (String format : List.of("md", "html", "json")) {
            Path out = dir.resolve("verify." + format);
            run(
                    Map.of(),
                    "verify",
                    "data",
                    "--from",
                    "bundle:" + bundle,
                    "--to",
                    store,
                    "--format",
                    format,
                    "--out",
                    out.toString());
            RawControls.assertNone(out);
        }
    }

    @Test
    void migrateProgressSummaryReportsAndLogAreEscaped() throws IOException {
        try (SandboxServer server = sandbox()) {
            Path run = dir.resolve("run");
            CliRun r = CliRun.run(
                    server.environment(),
                    "migrate",
                    "--from",
                    "cloudflare://",
                    "--to",
                    "sqlite:" + dir.resolve("migrate.db"),
                    "--run-dir",
                    run.toString());
            // The Durable Object namespaces, hostile class included, are left behind: exit 3, escaped.
            assertEquals(3, r.exitCode(), r.err());
            RawControls.assertNone("stdout of migrate", r.out());
            RawControls.assertNone("stderr of migrate", r.err());
            assertTrue(Files.readString(run.resolve("report.md")).contains(CLASS_SHOWN));
            assertTrue(r.err().contains("kv " + TITLE_SHOWN), "progress names the namespace: " + r.err());
            assertTrue(r.out().contains("kv " + TITLE_SHOWN), r.out());
            for (String name : List.of("report.txt", "report.md", "report.json", "report.html", "log.txt")) {
                RawControls.assertNone(run.resolve(name));
            }
            assertTrue(Files.readString(run.resolve("report.txt")).contains(TITLE_SHOWN));
            assertTrue(Files.readString(run.resolve("report.html")).contains(TITLE_SHOWN));

            CliRun plan = run(
                    server.environment(), "plan", "--from", "cloudflare://", "--to", "sqlite:" + dir.resolve("p2.db"));
            assertTrue(plan.out().contains("kv " + TITLE_SHOWN), plan.out());
        }
    }

    @Test
    void inventoryShowsTitlesAndClassNamesEscapedInEveryFormat() throws IOException {
        try (SandboxServer server = sandbox()) {
            CliRun text = run(server.environment(), "inventory", "--count-keys");
            assertTrue(text.out().contains(TITLE_SHOWN) && text.out().contains(CLASS_SHOWN), text.out());
            assertTrue(text.err().contains("durable objects " + CLASS_SHOWN), text.err());
            for (String format : List.of("md", "html")) {
                Path out = dir.resolve("inventory." + format);
                run(server.environment(), "inventory", "--format", format, "--out", out.toString());
                RawControls.assertNone(out);
                String report = Files.readString(out);
                String shown = format.equals("md")
                        ? CLASS_SHOWN.replace("\\", "\\\\").replace("[", "\\[") // Markdown escapes both
                        : CLASS_SHOWN;
                assertTrue(report.contains(shown), report);
            }
            CliRun json = run(server.environment(), "inventory", "--format", "json");
            assertTrue(json.out().contains("\\u202e"), "bidi controls are JSON-escaped: " + json.out());
            assertTrue(json.out().contains("\\u009b"), "C1 controls are JSON-escaped: " + json.out());
        }
    }

    @Test
    void anErrorListingTheAccountsClassesShowsThemEscaped() {
        try (SandboxServer server = sandbox()) {
            CliRun r =
                    CliRun.run(server.environment(), "export", "--do", "Nope", "--to", "bundle:" + dir.resolve("none"));
            assertEquals(2, r.exitCode(), r.err());
            assertTrue(r.err().contains(CLASS_SHOWN), r.err());
            RawControls.assertNone("stderr of export --do Nope", r.err());
        }
    }

    /** Runs the CLI, expects success, and checks both streams for raw controls. */
    private static CliRun run(Map<String, String> env, String... args) {
        CliRun r = CliRun.run(env, args);
        String command = String.join(" ", args);
        assertEquals(0, r.exitCode(), command + ": " + r.err());
        RawControls.assertNone("stdout of " + command, r.out());
        RawControls.assertNone("stderr of " + command, r.err());
        return r;
    }

    private static List<String> titles(JsonNode scopes) {
        List<String> out = new ArrayList<>();
        scopes.forEach(s -> out.add(s.path("title").asText()));
        return out;
    }
}
