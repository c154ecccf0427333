package dev.landfall.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.landfall.sandbox.KvSeed;
import dev.landfall.sandbox.RateLimit;
import dev.landfall.sandbox.SandboxConfig;
import dev.landfall.sandbox.SandboxServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An export that fails before it commits a batch (a wrong token, a wrong account) leaves nothing
 * behind: the directories it created are gone, a directory the operator made is kept with what it
 * held, and the corrected command runs without --resume or --force.
 */
class FailedExportTest {
    private static final String TOKEN = "tok-S3CRET-do-not-print-0123456789";

    @TempDir
    Path dir;

    @Test
    void aWrongTokenOrAccountLeavesNothingAndTheCorrectedExportJustRuns() throws IOException {
        try (SandboxServer server = SandboxServer.start(SandboxConfig.builder()
                .token(TOKEN)
                .rateLimit(RateLimit.UNLIMITED)
                .seedKv(List.of(KvSeed.parse("SESSIONS=50")))
                .build())) {
            Path created = dir.resolve("new/out");
            Path mine = Files.createDirectory(dir.resolve("mine"));
            Files.writeString(mine.resolve("notes.txt"), "the operator's own file");
            Map<String, String> wrongToken = new HashMap<>(server.environment());
            wrongToken.put("CLOUDFLARE_API_TOKEN", "wrong-" + TOKEN);
            Map<String, String> wrongAccount = new HashMap<>(server.environment());
            wrongAccount.put("CLOUDFLARE_ACCOUNT_ID", "0123456789abcdef0123456789abcdef");

            for (Map<String, String> env : List.of(wrongToken, wrongAccount)) {
                for (Path bundle : List.of(created, mine)) {
                    CliRun failed = CliRun.run(env, "export", "--to", "bundle:" + bundle);
                    assertEquals(2, failed.exitCode(), failed.err());
                }
                assertFalse(Files.exists(dir.resolve("new")), "the directories the export created are removed");
                assertEquals(List.of("notes.txt"), names(mine), "the operator's directory keeps only its own files");
                assertTrue(Files.exists(mine), "and is not deleted");
            }

            for (Path bundle : List.of(created, mine)) {
                CliRun corrected = CliRun.run(server.environment(), "export", "--to", "bundle:" + bundle);
                assertEquals(0, corrected.exitCode(), corrected.err());
                assertTrue(Files.exists(bundle.resolve("manifest.json")), bundle.toString());
            }
            assertTrue(Files.exists(mine.resolve("notes.txt")));
        }
    }

    @Test
    void aMigrationWhoseExportFailedOnAWrongTokenIsRunAgainByTheCorrectedCommand() throws IOException {
        try (SandboxServer server = SandboxServer.start(SandboxConfig.builder()
                .token(TOKEN)
                .rateLimit(RateLimit.UNLIMITED)
                .seedKv(List.of(KvSeed.parse("SESSIONS=50")))
                .build())) {
            Map<String, String> wrongToken = new HashMap<>(server.environment());
            wrongToken.put("CLOUDFLARE_API_TOKEN", "wrong-" + TOKEN);
            Path run = dir.resolve("run");
            String[] migrate = {
                "migrate",
                "--from",
                "cloudflare://",
                "--to",
                "sqlite:" + dir.resolve("m.db"),
                "--run-dir",
                run.toString()
            };

            CliRun failed = CliRun.run(wrongToken, migrate);
            assertEquals(2, failed.exitCode(), failed.err());
            assertFalse(Files.exists(run.resolve("export")), "the export removed the bundle it created");

            CliRun corrected = CliRun.run(server.environment(), migrate);
            assertEquals(0, corrected.exitCode(), corrected.err());
        }
    }

    private static List<String> names(Path d) throws IOException {
        try (Stream<Path> files = Files.list(d)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
