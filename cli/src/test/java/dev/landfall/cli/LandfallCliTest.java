package dev.landfall.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.landfall.verify.latency.slo.Slo;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class LandfallCliTest {
    @Test
    void versionPrintsTheBuildVersion() {
        CliRun r = CliRun.run("--version");
        assertEquals(0, r.exitCode());
        assertTrue(r.out().startsWith("landfall 0."), r.out());
        assertFalse(r.out().contains("${"), "version must be filtered by the build: " + r.out());
    }

    @Test
    void helpListsCommandsAndExitCodes() {
        CliRun r = CliRun.run("--help");
        assertEquals(0, r.exitCode());
        for (String word : new String[] {"sandbox", "completion", "help", "Exit codes", "CLOUDFLARE_API_TOKEN"}) {
            assertTrue(r.out().contains(word), "help lacks " + word + ":\n" + r.out());
        }
    }

    @Test
    void helpCommandShowsOneCommand() {
        CliRun r = CliRun.run("help", "sandbox");
        assertEquals(0, r.exitCode());
        assertTrue(r.out().contains("--seed-kv"), r.out());
        assertTrue(r.out().contains("--rate-limit"), r.out());
    }

    @Test
    void noCommandIsAUsageError() {
        CliRun r = CliRun.run();
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("a command is required"), r.err());
    }

    @Test
    void unknownFlagIsAUsageErrorWithoutStackTrace() {
        CliRun r = CliRun.run("sandbox", "--no-such-flag");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("--no-such-flag"), r.err());
        assertTrue(r.err().contains("hint: see 'landfall sandbox --help'"), r.err());
        assertFalse(r.err().contains("\tat "), r.err());
        assertFalse(r.err().contains("Exception"), r.err());
    }

    @Test
    void unknownCommandIsAUsageError() {
        CliRun r = CliRun.run("exprot");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("exprot"), r.err());
    }

    @Test
    void malformedSeedNamesTheFlagAndTheForm() {
        for (String bad : new String[] {"SESSIONS", "SESSIONS=abc", "=10", "SESSIONS=-1", "SESSIONS=10:xyz"}) {
            CliRun r = CliRun.run("sandbox", "--seed-kv", bad);
            assertEquals(2, r.exitCode(), bad + ": " + r.err());
            assertTrue(r.err().contains("--seed-kv"), r.err());
            assertTrue(r.err().contains("hint: "), r.err());
            assertFalse(r.err().contains("\tat "), r.err());
        }
    }

    @Test
    void malformedDoSeedRateLimitFaultsAndLatencyAreUsageErrors() {
        String[][] cases = {
            {"--seed-do", "Room=10"},
            {"--rate-limit", "lots"},
            {"--faults", "429=2"},
            {"--latency", "fast"},
            {"--port", "70000"}
        };
        for (String[] c : cases) {
            CliRun r = CliRun.run("sandbox", c[0], c[1]);
            assertEquals(2, r.exitCode(), String.join(" ", c) + ": " + r.err());
            assertTrue(r.err().contains(c[0]), r.err());
        }
    }

    @Test
    void portInUseIsAUsageErrorNamingThePort() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            CliRun r = CliRun.run("sandbox", "--port", Integer.toString(port));
            assertEquals(2, r.exitCode(), r.err());
            assertTrue(r.err().contains(Integer.toString(port)), r.err());
            assertTrue(r.err().contains("--port"), r.err());
        }
    }

    @Test
    void verboseShowsTheCauseChain() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CliRun r = CliRun.run("sandbox", "--verbose", "--port", Integer.toString(taken.getLocalPort()));
            assertEquals(2, r.exitCode(), r.err());
            assertTrue(r.err().contains("caused by: java.net.BindException"), r.err());
        }
    }

    @Test
    void argumentsComeFromAnArgFile(@TempDir Path dir) throws IOException {
        Path args = dir.resolve("args.txt");
        Files.writeString(args, "sandbox\n--seed-kv\nBROKEN\n");
        CliRun r = CliRun.run("@" + args);
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("BROKEN"), r.err());
    }

    @Test
    void completionPrintsABashScriptCoveringCommandsAndFlags() {
        CliRun r = CliRun.run("completion");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("complete -F"), r.out());
        assertTrue(r.out().contains("sandbox"), "completion lacks subcommands");
        assertTrue(r.out().contains("--seed-kv"), "completion lacks flags");
    }

    @Test
    void unwritableEnvFileIsAUsageErrorNamingTheFlag(@TempDir Path dir) throws IOException {
        Path notADirectory = dir.resolve("file");
        Files.writeString(notADirectory, "x");
        CliRun r = CliRun.run(
                "sandbox", "--env-file", notADirectory.resolve("sandbox.env").toString());
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("--env-file"), r.err());
        assertFalse(r.err().contains("bug"), r.err());
    }

    @Test
    void everyHelpPageFitsEightyColumns() {
        for (String command : new String[] {"export", "sandbox", "completion"}) {
            CliRun r = CliRun.run("help", command);
            assertEquals(0, r.exitCode());
            for (String line : r.out().split("\n")) {
                assertTrue(line.length() <= 80, command + " help line over 80 columns: " + line);
            }
        }
    }

    /**
     * picocli formats every description with String.format and, on a stray %, prints a warning
     * to the process's stderr and shows the raw text: every command's --help must render clean.
     */
    @Test
    void everyCommandsHelpRendersWithoutAFormatWarning() {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        List<String> helps = new ArrayList<>();
        try {
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            collectHelp(Landfall.newCommandLine(new CliContext(System.out, System.err, Map.of())), helps);
        } finally {
            System.setErr(original);
        }
        assertEquals("", captured.toString(StandardCharsets.UTF_8));
        assertTrue(helps.size() > 10, "every command's help was rendered: " + helps.size());
        String latency = helps.stream()
                .filter(h -> h.contains("Usage: landfall verify latency"))
                .findFirst()
                .orElseThrow()
                .replaceAll("\\s+", " ");
        assertTrue(latency.contains("(default: " + Slo.DEFAULT + " for verify latency"), latency);
        assertTrue(latency.contains("errors<=0.1%,mismatch<=0.1%,speedup>=2"), latency);
    }

    private static void collectHelp(CommandLine cmd, List<String> helps) {
        helps.add(cmd.getUsageMessage(CommandLine.Help.Ansi.OFF));
        cmd.getSubcommands().values().stream().distinct().forEach(sub -> collectHelp(sub, helps));
    }
}
