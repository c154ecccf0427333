package dev.landfall.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.landfall.cli.command.VersionProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The release archive {@code mvn package} builds, unpacked with tar and run as an operator would. */
class ReleaseArchiveIT {
    private static final Path LAUNCHER = Path.of("src", "dist", "bin", "landfall");

    @TempDir
    static Path tmp;

    private static Path home;

    @BeforeAll
    static void unpack() throws Exception {
        String version = VersionProvider.version();
        Path archive = Path.of("target", "landfall-" + version + ".tar.gz");
        assertTrue(Files.isRegularFile(archive), "build the archive first: mvn package");
        Spawned tar = Spawned.run(
                tmp.resolve("runs"), Map.of(), List.of("tar", "-xzf", archive.toString(), "-C", tmp.toString()));
        assertEquals(0, tar.exitCode(), tar.toString());
        home = tmp.resolve("landfall-" + version);
    }

    @Test
    void holdsTheLauncherTheJarAndTheReadme() throws Exception {
        Path bin = home.resolve("bin").resolve("landfall");
        assertEquals(-1, Files.mismatch(LAUNCHER, bin), "the launcher install writes");
        assertEquals("rwxr-xr-x", PosixFilePermissions.toString(Files.getPosixFilePermissions(bin)));
        assertTrue(Files.isRegularFile(home.resolve("lib").resolve("landfall.jar")));
        assertTrue(Files.isRegularFile(home.resolve("README.md")));
        assertTrue(Files.isRegularFile(home.resolve("docs").resolve("install.md")), "README's links resolve");
    }

    @Test
    void runsWithJavaFromPathAndThroughASymlink() throws Exception {
        Path link = Files.createDirectories(tmp.resolve("elsewhere")).resolve("landfall");
        Files.createSymbolicLink(link, home.resolve("bin").resolve("landfall"));
        Map<String, String> env = new HashMap<>();
        env.put("JAVA_HOME", null);
        env.put("PATH", Path.of(System.getProperty("java.home"), "bin") + ":/usr/bin:/bin");

        for (Path launcher : List.of(home.resolve("bin").resolve("landfall"), link)) {
            Spawned version = Spawned.run(tmp.resolve("runs"), env, List.of(launcher.toString(), "--version"));
            assertEquals(0, version.exitCode(), launcher + ": " + version);
            assertTrue(
                    version.out().startsWith("landfall " + VersionProvider.version() + "\n"),
                    launcher + ": " + version);
        }
    }

    @Test
    void refusesJavaOlderThan17InOneLine() throws Exception {
        Path fakeHome = tmp.resolve("java11");
        Path java = Files.createDirectories(fakeHome.resolve("bin")).resolve("java");
        // What a Java 11 prints, after the line JAVA_TOOL_OPTIONS adds in front of it.
        Files.writeString(
                java,
                "#!/bin/sh\necho 'Picked up JAVA_TOOL_OPTIONS: -Dx=1' >&2\n"
                        + "echo 'openjdk version \"11.0.22\" 2024-01-16' >&2\nexit 0\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));

        Spawned old = run(Map.of("JAVA_HOME", fakeHome.toString()));
        assertEquals(2, old.exitCode(), old.toString());
        assertEquals(
                "landfall: needs Java 17 or newer, but " + java
                        + " is Java 11.0.22; install 17 or newer and put it on PATH, or set JAVA_HOME to it\n",
                old.err());
    }

    @Test
    void aJavaHomeWithoutJavaIsAConfigurationError() throws Exception {
        Path empty = Files.createDirectories(tmp.resolve("no-java"));
        Spawned none = run(Map.of("JAVA_HOME", empty.toString()));
        assertEquals(2, none.exitCode(), none.toString());
        assertEquals(
                "landfall: JAVA_HOME=" + empty
                        + " has no bin/java; point JAVA_HOME at Java 17 or newer, or unset it to use java from PATH\n",
                none.err());
    }

    private Spawned run(Map<String, String> env) throws Exception {
        return Spawned.run(
                tmp.resolve("runs"),
                env,
                List.of(home.resolve("bin").resolve("landfall").toString(), "--version"));
    }
}
