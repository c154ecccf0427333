package dev.landfall.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.landfall.core.model.DurableObject;
import dev.landfall.core.model.Entry;
import dev.landfall.core.spi.Checkpoint;
import dev.landfall.core.spi.Cursor;
import dev.landfall.core.spi.Source;
import dev.landfall.core.spi.StoreRegistry;
import dev.landfall.core.spi.StoreUri;
import dev.landfall.sandbox.DoSeed;
import dev.landfall.sandbox.RateLimit;
import dev.landfall.sandbox.SandboxConfig;
import dev.landfall.sandbox.SandboxServer;
import dev.landfall.sandbox.internal.DurableObjectStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code landfall export --do} against the sandbox's REST API and export Worker. */
class ExportDurableObjectsTest {
    private static SandboxServer sandbox() {
        return SandboxServer.start(SandboxConfig.builder()
                .rateLimit(RateLimit.UNLIMITED)
                .seedDo(List.of(new DoSeed("Room", 30, 25), new DoSeed("Counter", 3, 4)))
                .build());
    }

    private static List<String> read(Source source, DurableObject scope) throws IOException {
        List<String> out = new ArrayList<>();
        try (Cursor<Entry> c = source.entries(scope, Checkpoint.START)) {
            while (c.next()) {
                out.add(c.current().key().text() + "=" + new String(c.current().value(), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    @Test
    void everySeededObjectLandsInTheBundleAsItsOwnScope(@TempDir Path dir) throws IOException {
        try (SandboxServer server = sandbox()) {
            Path bundle = dir.resolve("b");
            CliRun r = CliRun.run(
                    server.environment(), "export", "--do", "Room", "--do", "Counter", "--to", "bundle:" + bundle);
            assertEquals(0, r.exitCode(), r.err());
            assertTrue(r.out().contains("durable objects: 33 objects, 762 entries"), r.out());
            assertFalse(r.out().contains(server.exportSecret()) || r.err().contains(server.exportSecret()));
            try (Source source = StoreRegistry.openForReading("--from", StoreUri.parse("bundle:" + bundle))) {
                for (DurableObjectStore.Namespace ns : server.durableObjects().namespaces()) {
                    for (String id : ns.objectIds()) {
                        List<String> want = ns.entries(id).stream()
                                .map(e -> e.key().text() + "=" + new String(e.value(), StandardCharsets.UTF_8))
                                .toList();
                        assertEquals(want, read(source, new DurableObject(ns.id(), id)), id);
                    }
                }
            }
            CliRun again = CliRun.run(
                    server.environment(),
                    "export",
                    "--do",
                    "Room",
                    "--do",
                    "Counter",
                    "--to",
                    "bundle:" + bundle,
                    "--resume");
            assertEquals(0, again.exitCode(), again.err());
            assertTrue(again.out().contains("63 scope(s) finished by an earlier run"), again.out());
        }
    }

    @Test
    void aMissingSecretIsAUsageErrorBeforeAnyRequest(@TempDir Path dir) {
        try (SandboxServer server = sandbox()) {
            Map<String, String> env = new HashMap<>(server.environment());
            env.remove("LANDFALL_EXPORT_SECRET");
            CliRun r = CliRun.run(env, "export", "--do", "Room", "--to", "bundle:" + dir.resolve("b"));
            assertEquals(2, r.exitCode(), r.err());
            assertTrue(r.err().contains("LANDFALL_EXPORT_SECRET"), r.err());
            assertEquals(0, server.stats().totalRequests(), "nothing was requested");
        }
    }

    @Test
    void aWrongSecretIsRejectedWithoutPrintingEitherSecret(@TempDir Path dir) {
        try (SandboxServer server = sandbox()) {
            Map<String, String> env = new HashMap<>(server.environment());
            String wrong = "a-wrong-export-secret-0123456789abcdef";
            env.put("LANDFALL_EXPORT_SECRET", wrong);
            CliRun r = CliRun.run(env, "export", "--do", "Room", "--to", "bundle:" + dir.resolve("b"));
            assertEquals(2, r.exitCode(), r.err());
            assertTrue(r.err().contains("refused the secret"), r.err());
            String all = r.out() + r.err();
            assertFalse(all.contains(wrong) || all.contains(server.exportSecret()), all);
        }
    }

    @Test
    void anUnknownNamespaceListsWhatTheAccountHas(@TempDir Path dir) {
        try (SandboxServer server = sandbox()) {
            CliRun r = CliRun.run(server.environment(), "export", "--do", "Nope", "--to", "bundle:" + dir.resolve("b"));
            assertEquals(2, r.exitCode(), r.err());
            assertTrue(r.err().contains("Nope") && r.err().contains("Room"), r.err());
        }
    }

    @Test
    void migrateAndPlanTakeTheSameFlags(@TempDir Path dir) throws IOException {
        try (SandboxServer server = sandbox()) {
            String sqlite = "sqlite:" + dir.resolve("m.db");
            CliRun plan = CliRun.run(
                    server.environment(),
                    "plan",
                    "--from",
                    "cloudflare://",
                    "--do",
                    "Counter",
                    "--to",
                    sqlite,
                    "--format",
                    "json");
            assertEquals(0, plan.exitCode(), plan.err());
            assertEquals(
                    12,
                    new ObjectMapper()
                            .readTree(plan.out())
                            .path("totals")
                            .path("create")
                            .asInt(),
                    plan.out());
            CliRun migrate = CliRun.run(
                    server.environment(),
                    "migrate",
                    "--from",
                    "cloudflare://",
                    "--do",
                    "Counter",
                    "--to",
                    sqlite,
                    "--run-dir",
                    dir.resolve("run").toString());
            assertEquals(0, migrate.exitCode(), migrate.err());
            CliRun again = CliRun.run(
                    server.environment(),
                    "plan",
                    "--from",
                    "cloudflare://",
                    "--do",
                    "Counter",
                    "--to",
                    sqlite,
                    "--format",
                    "json");
            assertEquals(0, again.exitCode(), again.err());
            assertEquals(
                    0,
                    new ObjectMapper()
                            .readTree(again.out())
                            .path("totals")
                            .path("create")
                            .asInt(),
                    again.out());
            assertEquals(
                    12,
                    new ObjectMapper()
                            .readTree(again.out())
                            .path("totals")
                            .path("unchanged")
                            .asInt());
            assertFalse((plan.out() + plan.err() + migrate.out() + migrate.err()).contains(server.exportSecret()));
        }
    }
}
