package dev.landfall.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.landfall.cloudflare.worker.WorkerScripts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code landfall export-worker scaffold}: the files it writes and the inputs it refuses. */
class ExportWorkerScaffoldTest {
    private static final Map<String, String> ENV =
            Map.of("LANDFALL_EXPORT_SECRET", "never-written-0123456789abcdef0123");

    @Test
    void writesTheWorkerItsBindingsAndAReadme(@TempDir Path dir) throws IOException {
        CliRun r = CliRun.run(
                ENV,
                "export-worker",
                "scaffold",
                "--do-binding",
                "ROOMS",
                "--do-class",
                "ChatRoom",
                "--do-script",
                "chat-app",
                "--kv-binding",
                "SESSIONS",
                "--out",
                dir.toString());
        assertEquals(0, r.exitCode(), r.err());
        for (String module : WorkerScripts.MODULES) {
            assertEquals(
                    WorkerScripts.read(module),
                    Files.readString(dir.resolve("src/landfall").resolve(module)));
        }
        assertTrue(Files.readString(dir.resolve("src/index.mjs")).contains("export default exportRouter"));
        String toml = Files.readString(dir.resolve("wrangler.toml"));
        assertTrue(toml.contains("main = \"src/index.mjs\""), toml);
        assertTrue(toml.contains("LANDFALL_DO_CLASSES = \"ROOMS=ChatRoom\""), toml);
        assertTrue(
                toml.contains(
                        "[[durable_objects.bindings]]\nname = \"ROOMS\"\nclass_name = \"ChatRoom\"\nscript_name = \"chat-app\""),
                toml);
        assertTrue(toml.contains("[[kv_namespaces]]\nbinding = \"SESSIONS\""), toml);
        String readme = Files.readString(dir.resolve("README.md"));
        assertTrue(readme.contains("export const ChatRoom = withLandfallExport(ChatRoomImplementation)"), readme);
        assertTrue(readme.contains("wrangler secret put LANDFALL_EXPORT_SECRET"), readme);
        assertTrue(readme.contains("wrangler delete --name landfall-export"), readme);
        assertTrue(readme.contains("--do ChatRoom"), readme);
        try (var files = Files.walk(dir)) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                assertFalse(Files.readString(p).contains(ENV.get("LANDFALL_EXPORT_SECRET")), p.toString());
            }
        }
    }

    @Test
    void refusesBadNamesAndUnpairedBindings(@TempDir Path dir) {
        CliRun unpaired = CliRun.run(ENV, "export-worker", "scaffold", "--do-binding", "A", "--out", dir.toString());
        assertEquals(2, unpaired.exitCode());
        assertTrue(unpaired.err().contains("--do-class"), unpaired.err());
        CliRun bad = CliRun.run(
                ENV, "export-worker", "scaffold", "--do-binding", "no way", "--do-class", "C", "--out", dir.toString());
        assertEquals(2, bad.exitCode());
        assertTrue(bad.err().contains("--do-binding 'no way'"), bad.err());
        CliRun nothing = CliRun.run(ENV, "export-worker", "scaffold", "--out", dir.toString());
        assertEquals(2, nothing.exitCode());
        assertTrue(nothing.err().contains("bind nothing"), nothing.err());
    }
}
