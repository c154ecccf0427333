package dev.landfall.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.landfall.sandbox.KvSeed;
import dev.landfall.sandbox.RateLimit;
import dev.landfall.sandbox.SandboxConfig;
import dev.landfall.sandbox.SandboxServer;
import dev.landfall.sandbox.internal.KvNamespaceState;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A second pass after keys were deleted at the source: in upsert mode it exits 3 and says why rerunning
 * the same command cannot help; in mirror mode it deletes them and exits 0.
 */
class MigrateAfterDeletesTest {
    @Test
    void upsertSaysMirrorDeletesWhatTheSourceNoLongerHas(@TempDir Path dir) {
        try (SandboxServer server = SandboxServer.start(SandboxConfig.builder()
                .rateLimit(RateLimit.UNLIMITED)
                .seedKv(List.of(KvSeed.parse("SESSIONS=30")))
                .build())) {
            String store = "sqlite:" + dir.resolve("s.db");
            CliRun first = migrate(server, store, dir.resolve("r1"));
            assertEquals(0, first.exitCode(), first.err());
            KvNamespaceState ns = server.kvStore().all().get(0);
            ns.delete(ns.keys().get(0));

            CliRun upsert = migrate(server, store, dir.resolve("r2"));
            assertEquals(3, upsert.exitCode(), upsert.err());
            assertTrue(upsert.err().contains("--mode mirror"), upsert.err());

            CliRun mirror = migrate(server, store, dir.resolve("r3"), "--mode", "mirror");
            assertEquals(0, mirror.exitCode(), mirror.err());
        }
    }

    private static CliRun migrate(SandboxServer server, String store, Path run, String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of(
                "migrate", "--from", "cloudflare://", "--kv", "SESSIONS", "--to", store, "--run-dir", run.toString()));
        args.addAll(List.of(extra));
        return CliRun.run(server.environment(), args.toArray(String[]::new));
    }
}
