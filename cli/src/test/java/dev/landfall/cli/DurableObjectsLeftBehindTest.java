package dev.landfall.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.landfall.sandbox.DoSeed;
import dev.landfall.sandbox.KvSeed;
import dev.landfall.sandbox.RateLimit;
import dev.landfall.sandbox.SandboxConfig;
import dev.landfall.sandbox.SandboxServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Durable Object namespace the account holds is never skipped silently: without {@code --kv} and
 * {@code --do} it is listed in every report and output, and the run exits 3; naming what to take
 * with {@code --kv} leaves the rest by choice.
 */
class DurableObjectsLeftBehindTest {
    private static SandboxServer sandbox() {
        return SandboxServer.start(SandboxConfig.builder()
                .rateLimit(RateLimit.UNLIMITED)
                .seedKv(List.of(KvSeed.parse("SESSIONS=50")))
                .seedDo(List.of(new DoSeed("Room", 3, 2)))
                .build());
    }

    @Test
    void migrateWithoutScopesReportsTheObjectsInEveryReportAndExitsThree(@TempDir Path dir) throws IOException {
        try (SandboxServer server = sandbox()) {
            Path run = dir.resolve("run");
            CliRun r = migrate(server, dir);
            assertEquals(3, r.exitCode(), r.err());
            assertTrue(r.err().contains("migrate: Durable Object namespace Room"), r.err());
            assertTrue(r.err().contains("add --do Room"), r.err());
            assertTrue(r.out().contains("LEFT BEHIND"), r.out());
            for (String format : List.of("txt", "md", "html")) {
                String report = Files.readString(run.resolve("report." + format));
                assertTrue(report.contains("Durable Object namespace Room"), format + ": " + report);
            }
            JsonNode json =
                    new ObjectMapper().readTree(run.resolve("report.json").toFile());
            assertEquals("Room", json.path("leftBehind").path(0).path("name").asText(), json.toString());
            // The KV data itself moved and verified.
            assertTrue(json.path("equal").asBoolean(), json.toString());
        }
    }

    @Test
    void anExplicitKvSelectionLeavesThemByChoiceSpendingNoRequestOnThem(@TempDir Path dir) throws IOException {
        try (SandboxServer server = sandbox()) {
            Path run = dir.resolve("run");
            CliRun r = migrate(server, dir, "--kv", "SESSIONS");
            assertEquals(0, r.exitCode(), r.err());
            assertFalse(r.err().contains("Durable Object namespace"), r.err());
            assertFalse(Files.readString(run.resolve("report.txt")).contains("Left behind"));
            assertEquals(
                    0,
                    server.stats().requests("GET", "/accounts/{account_id}/workers/durable_objects/namespaces"),
                    "an explicit selection does not list the objects");
        }
    }

    @Test
    void exportListsThemAndExitsThreeAndTakingThemClearsIt(@TempDir Path dir) throws IOException {
        try (SandboxServer server = sandbox()) {
            CliRun r = CliRun.run(server.environment(), "export", "--to", "bundle:" + dir.resolve("a"));
            assertEquals(3, r.exitCode(), r.err());
            assertTrue(r.out().contains("left behind: Durable Object namespace Room"), r.out());
            CliRun json = CliRun.run(server.environment(), "export", "--json", "--to", "bundle:" + dir.resolve("b"));
            assertEquals(3, json.exitCode(), json.err());
            assertEquals(
                    "Room",
                    new ObjectMapper()
                            .readTree(json.out())
                            .path("leftBehind")
                            .path(0)
                            .path("name")
                            .asText(),
                    json.out());
            CliRun all = CliRun.run(
                    server.environment(),
                    "export",
                    "--kv",
                    "SESSIONS",
                    "--do",
                    "Room",
                    "--to",
                    "bundle:" + dir.resolve("c"));
            assertEquals(0, all.exitCode(), all.err());
            assertFalse(all.out().contains("left behind"), all.out());
            assertFalse(all.err().contains("Durable Object namespace"), all.err());
        }
    }

    /** Migrates the whole account (or what {@code scopes} name) into a SQLite store, run directory DIR/run. */
    private static CliRun migrate(SandboxServer server, Path dir, String... scopes) {
        java.util.List<String> args =
                new java.util.ArrayList<>(List.of("migrate", "--from", "cloudflare://" + server.accountId()));
        args.addAll(List.of(scopes));
        args.addAll(List.of(
                "--to",
                "sqlite:" + dir.resolve("s.db"),
                "--run-dir",
                dir.resolve("run").toString()));
        return CliRun.run(server.environment(), args.toArray(String[]::new));
    }
}
