package dev.landfall.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.landfall.cli.command.VersionProvider;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/landfall install} and {@code uninstall} as an operator runs them, against the jar this
 * build made (it exists, so nothing is rebuilt), and the installed launcher run as a shell would.
 */
class InstallIT {
    private static final Path CLONE_SCRIPT = Path.of("..", "bin", "landfall");
    private static final Path LAUNCHER = Path.of("src", "dist", "bin", "landfall");
    private static final Path JAR = Path.of("target", "landfall.jar");
    /** The JVM running this test, through JAVA_HOME: the launcher's first way to find java. */
    private static final Map<String, String> ENV = Map.of("JAVA_HOME", System.getProperty("java.home"));

    @TempDir
    Path tmp;

    @Test
    void installPutsARunningLandfallUnderThePrefixAndUninstallTakesItAway() throws Exception {
        assertTrue(Files.isRegularFile(JAR), "build the jar first: mvn package");
        Path prefix = tmp.resolve("prefix");
        Path bin = prefix.resolve("bin").resolve("landfall");
        Path jar = prefix.resolve("lib").resolve("landfall").resolve("landfall.jar");

        for (int round = 1; round <= 2; round++) {
            Spawned install = clone("install", "--prefix", prefix.toString());
            assertEquals(0, install.exitCode(), "install round " + round + ": " + install);
            assertTrue(
                    install.out().contains("installed landfall " + VersionProvider.version() + ": " + bin),
                    "says what it installed where: " + install);
            assertTrue(
                    install.out().contains("  export PATH=\"" + prefix.resolve("bin") + ":$PATH\"\n"),
                    "the prefix is not on PATH: the exact line to add: " + install);
            assertTrue(Files.isExecutable(bin));
            assertEquals(-1, Files.mismatch(LAUNCHER, bin), "the launcher the release archive ships");
            assertEquals(-1, Files.mismatch(JAR, jar), "the jar the build made");
        }

        Spawned version = Spawned.run(tmp.resolve("runs"), ENV, List.of(bin.toString(), "--version"));
        assertEquals(0, version.exitCode(), version.toString());
        assertTrue(version.out().startsWith("landfall " + VersionProvider.version() + "\n"), version.toString());

        Spawned unknown = Spawned.run(tmp.resolve("runs"), ENV, List.of(bin.toString(), "nosuchcommand"));
        assertEquals(2, unknown.exitCode(), "the CLI's usage exit code passes through: " + unknown);
        assertTrue(unknown.err().contains("'nosuchcommand'"), unknown.toString());

        Spawned uninstall = clone("uninstall", "--prefix", prefix.toString());
        assertEquals(0, uninstall.exitCode(), uninstall.toString());
        assertFalse(Files.exists(bin), "launcher removed");
        assertFalse(Files.exists(jar.getParent()), "lib/landfall removed with the jar");
        assertTrue(Files.isDirectory(prefix.resolve("bin")), "DIR/bin is shared with other tools: kept");

        Spawned again = clone("uninstall", "--prefix", prefix.toString());
        assertEquals(0, again.exitCode(), "uninstalling twice is not an error: " + again);
        assertTrue(again.out().contains("nothing to remove"), again.toString());
    }

    @Test
    void theInstalledLauncherBecomesTheJvmSoSignalsReachIt() throws Exception {
        Path prefix = tmp.resolve("prefix");
        Spawned install = clone("install", "--prefix", prefix.toString());
        assertEquals(0, install.exitCode(), install.toString());

        ProcessBuilder pb = new ProcessBuilder(
                        prefix.resolve("bin").resolve("landfall").toString(), "sandbox")
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        pb.environment().putAll(ENV);
        Process p = pb.start();
        try {
            // The first line comes from the JVM, so by then the launcher has handed over.
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String first = out.readLine();
            assertTrue(first != null && first.startsWith("CLOUDFLARE_"), "sandbox started: " + first);
            String command = p.info().command().orElseThrow();
            assertTrue(command.endsWith("/bin/java"), "the process started is the JVM itself (exec): " + command);
            assertEquals(0, p.descendants().count(), "no shell left between the operator and the JVM");
        } finally {
            p.destroy();
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "SIGTERM stops it");
        }
        assertEquals(143, p.exitValue(), "the JVM's own exit on SIGTERM, 128 + 15");
    }

    @Test
    void installLeavesAFileThatIsNotALauncherAlone() throws Exception {
        Path prefix = tmp.resolve("prefix");
        Path bin = Files.createDirectories(prefix.resolve("bin")).resolve("landfall");
        String mine = "#!/bin/sh\necho some other landfall\n";
        Files.writeString(bin, mine);

        for (String command : List.of("install", "uninstall")) {
            Spawned refused = clone(command, "--prefix", prefix.toString());
            assertEquals(2, refused.exitCode(), command + ": " + refused);
            assertEquals(
                    "landfall " + command + ": " + bin
                            + " exists and is not a landfall launcher; move it away or choose another --prefix\n",
                    refused.err());
            assertEquals(mine, Files.readString(bin));
        }
        assertFalse(Files.exists(prefix.resolve("lib")), "nothing written");
    }

    @Test
    void exportRunsOnC1WithTheSerialCollectorUnlessLandfallJavaOptsPicksACollector() throws Exception {
        Path prefix = tmp.resolve("prefix");
        Spawned install = clone("install", "--prefix", prefix.toString());
        assertEquals(0, install.exitCode(), install.toString());
        String installed = prefix.resolve("bin").resolve("landfall").toString();
        for (String launcher : List.of(installed, CLONE_SCRIPT.toString())) {
            String export = jvmFlags(launcher, "", "export");
            assertTrue(export.contains(" -XX:TieredStopAtLevel=1 "), launcher + ": " + export);
            assertTrue(export.contains(" -XX:+UseSerialGC "), launcher + ": " + export);

            String plan = jvmFlags(launcher, "", "plan");
            assertFalse(plan.contains("TieredStopAtLevel"), "only export: " + launcher + ": " + plan);
            assertFalse(plan.contains("UseSerialGC"), "only export: " + launcher + ": " + plan);

            String own = jvmFlags(launcher, " -XX:+UseParallelGC", "export");
            assertTrue(own.contains(" -XX:+UseParallelGC "), launcher + ": " + own);
            assertFalse(own.contains("TieredStopAtLevel"), "a collector of the operator's: none of ours: " + own);
        }
    }

    /** The JVM's flags as it prints them first for a launch of {@code command} without its arguments. */
    private String jvmFlags(String launcher, String javaOpts, String command) throws Exception {
        Map<String, String> env = new HashMap<>(ENV);
        env.put("HOME", tmp.resolve("home").toString());
        env.put("LANDFALL_JAVA_OPTS", "-XX:+PrintCommandLineFlags" + javaOpts);
        Spawned run = Spawned.run(tmp.resolve("runs"), env, List.of(launcher, command));
        assertEquals(2, run.exitCode(), "the command without its arguments is a usage error: " + run);
        return " " + run.out().lines().findFirst().orElse("") + " ";
    }

    @Test
    void aBadArgumentIsAUsageError() throws Exception {
        Spawned bogus = clone("install", "--bogus");
        assertEquals(2, bogus.exitCode(), bogus.toString());
        assertEquals(
                "landfall install: unknown argument '--bogus'; usage: bin/landfall install [--prefix DIR]"
                        + " (default DIR: ~/.local)\n",
                bogus.err());

        Spawned noDir = clone("uninstall", "--prefix");
        assertEquals(2, noDir.exitCode(), noDir.toString());
        assertTrue(noDir.err().startsWith("landfall uninstall: --prefix needs a directory;"), noDir.toString());
    }

    private Spawned clone(String... args) throws Exception {
        Map<String, String> env = new HashMap<>(ENV);
        // Never the real ~/.local, whatever a test forgets to pass.
        env.put("HOME", tmp.resolve("home").toString());
        List<String> command = new ArrayList<>(List.of(CLONE_SCRIPT.toString()));
        command.addAll(List.of(args));
        return Spawned.run(tmp.resolve("runs"), env, command);
    }
}
