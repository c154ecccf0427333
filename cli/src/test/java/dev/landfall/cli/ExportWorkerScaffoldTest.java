package dev.landfall.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.landfall.cloudflare.worker.WorkerScripts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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

    @Test
    void withCaptureTheWorkerDefinesTheChangeLogAndTheReadmeSaysHowToTurnItOnAndOff(@TempDir Path dir)
            throws IOException {
        CliRun r = CliRun.run(
                ENV,
                "export-worker",
                "scaffold",
                "--kv-binding",
                "SESSIONS",
                "--capture",
                "--account",
                "023E105F4ECEF8AD9CA31A8372D0C353",
                "--name",
                "shop-export",
                "--out",
                dir.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(Files.isRegularFile(dir.resolve("src/landfall/capture.mjs")));
        assertTrue(Files.readString(dir.resolve("src/index.mjs"))
                .contains("export { LandfallChangeLog } from \"./landfall/index.mjs\";"));
        String toml = Files.readString(dir.resolve("wrangler.toml"));
        assertTrue(
                toml.contains("[vars]\nLANDFALL_DO_CLASSES = \"\"\nLANDFALL_CAPTURE_SHARDS = \"8\"\n"
                        + "LANDFALL_CAPTURE_CAPACITY = \"100000\"\n"
                        + "LANDFALL_ACCOUNT_ID = \"023e105f4ecef8ad9ca31a8372d0c353\"\n"),
                toml);
        assertTrue(
                toml.contains("[[durable_objects.bindings]]\nname = \"LANDFALL_CHANGES\"\n"
                        + "class_name = \"LandfallChangeLog\"\n\n[[migrations]]\ntag = \"landfall-capture\"\n"
                        + "new_sqlite_classes = [\"LandfallChangeLog\"]\n"),
                toml);
        String readme = Files.readString(dir.resolve("README.md"));
        assertTrue(
                readme.contains("name = \"LANDFALL_CHANGES\"\nclass_name = \"LandfallChangeLog\"\n"
                        + "script_name = \"shop-export\""),
                readme);
        assertTrue(readme.contains("env = withLandfallCapture(env);"), readme);
        assertTrue(readme.contains("**before** the full load"), readme);
        int unwrap = readme.indexOf("remove the `withLandfallCapture(env)` line");
        int unbind = readme.indexOf("remove the `LANDFALL_CHANGES` binding (and `src/landfall/`)");
        int deleteClass = readme.indexOf("deleted_classes = [\"LandfallChangeLog\"]");
        int deleteWorker = readme.indexOf("wrangler delete --name shop-export");
        assertTrue(0 < unwrap && unwrap < unbind && unbind < deleteClass && deleteClass < deleteWorker, readme);
    }

    @Test
    void withoutCaptureNothingOfItIsWritten(@TempDir Path dir) throws IOException {
        CliRun r = CliRun.run(ENV, "export-worker", "scaffold", "--kv-binding", "SESSIONS", "--out", dir.toString());
        assertEquals(0, r.exitCode(), r.err());
        for (String file : List.of("src/index.mjs", "wrangler.toml", "README.md")) {
            String text = Files.readString(dir.resolve(file));
            assertFalse(text.contains("LandfallChangeLog") || text.contains("LANDFALL_CAPTURE"), file + ": " + text);
        }
    }

    @Test
    void refusesBadCaptureSettingsAndWritesNothing(@TempDir Path dir) throws IOException {
        String account = "023e105f4ecef8ad9ca31a8372d0c353";
        Map<List<String>, String> cases = Map.of(
                List.of("--capture"), "--account ID",
                List.of("--capture", "--account", "023e105f"), "--account '023e105f'",
                List.of("--capture", "--account", account.replace('0', 'g')), "is not a Cloudflare account id",
                List.of("--capture", "--account", account, "--capture-shards", "0"), "--capture-shards 0",
                List.of("--capture", "--account", account, "--capture-shards", "257"), "--capture-shards 257",
                List.of("--capture", "--account", account, "--capture-capacity", "10000001"), "--capture-capacity",
                List.of("--account", account), "--account is given without --capture",
                List.of("--capture-shards", "4"), "--capture-shards is given without --capture");
        for (Map.Entry<List<String>, String> c : cases.entrySet()) {
            List<String> args = new java.util.ArrayList<>(List.of(
                    "export-worker",
                    "scaffold",
                    "--kv-binding",
                    "S",
                    "--out",
                    dir.resolve("w").toString()));
            args.addAll(c.getKey());
            CliRun r = CliRun.run(ENV, args.toArray(String[]::new));
            assertEquals(2, r.exitCode(), c.getKey() + ": " + r.err());
            assertTrue(r.err().contains(c.getValue()), c.getKey() + ": " + r.err());
            assertFalse(Files.exists(dir.resolve("w")), c.getKey() + " left files behind");
        }
    }
}
