package dev.landfall.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.landfall.core.error.LandfallException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sandbox's flags are checked, and the id files read, before anything starts. */
class SandboxLauncherTest {
    @TempDir
    Path dir;

    private static SandboxLauncher.Flags flags(int port, String token, List<String> seedKv, List<String> externalDo) {
        return new SandboxLauncher.Flags(
                port,
                token,
                null,
                null,
                null,
                null,
                7L,
                seedKv,
                List.of(),
                externalDo,
                null,
                null,
                false,
                null,
                null,
                null);
    }

    private static String refused(SandboxLauncher.Flags f) {
        LandfallException e = assertThrows(LandfallException.class, () -> SandboxLauncher.options(f));
        assertEquals(2, e.exitCode());
        return e.getMessage();
    }

    @Test
    void readsExternalObjectsAndSeeds() throws IOException {
        String id = "a".repeat(64);
        Path ids = Files.writeString(dir.resolve("ids.txt"), id + "\n\n");
        SandboxLauncher.Options o =
                SandboxLauncher.options(flags(0, "t0ken", List.of("SESSIONS=10"), List.of("Room=" + ids + ":sqlite")));
        assertEquals(List.of(new ExternalObjects("Room", true, List.of(id))), o.external());
        assertEquals(1, o.config().seedKv().size());
        assertTrue(o.envFile().isEmpty());
    }

    @Test
    void namesTheFlagOfEachBadValue() throws IOException {
        assertTrue(refused(flags(70000, null, List.of(), List.of())).contains("--port 70000 is out of range"));
        assertTrue(refused(flags(0, " ", List.of(), List.of())).contains("--token is empty"));
        assertTrue(refused(flags(0, null, List.of("nonsense"), List.of())).startsWith("--seed-kv "));
        Path bad = Files.writeString(dir.resolve("bad.txt"), "xyz\n");
        assertTrue(refused(flags(0, null, List.of(), List.of("Room=" + bad))).contains("is not a 64-hex object id"));
        assertTrue(refused(flags(0, null, List.of(), List.of("=x"))).contains("expected CLASS=IDS_FILE"));
    }

    @Test
    void invalidUtf8FlagPicksTheBulkGetAnswer() {
        assertEquals(
                InvalidUtf8.REPLACE,
                SandboxLauncher.options(flags(0, null, List.of(), List.of()))
                        .config()
                        .invalidUtf8());
        SandboxLauncher.Flags error = new SandboxLauncher.Flags(
                0, null, null, null, null, null, 7L, List.of(), List.of(), List.of(), null, "ERROR", false, null, null,
                null);
        assertEquals(InvalidUtf8.ERROR, SandboxLauncher.options(error).config().invalidUtf8());
        SandboxLauncher.Flags bad = new SandboxLauncher.Flags(
                0, null, null, null, null, null, 7L, List.of(), List.of(), List.of(), null, "lossy", false, null, null,
                null);
        String message = refused(bad);
        assertTrue(message.startsWith("--invalid-utf8 'lossy': not a mode"), message);
    }

    private static SandboxLauncher.Flags capture(
            List<String> seedKv, boolean capture, Integer shards, Integer capacity, String writes) {
        return new SandboxLauncher.Flags(
                0, null, null, null, null, null, 7L, seedKv, List.of(), List.of(), null, null, capture, shards,
                capacity, writes);
    }

    @Test
    void captureIsOffUnlessAskedAndTakesItsDefaults() {
        assertEquals(
                Capture.OFF,
                SandboxLauncher.options(capture(List.of(), false, null, null, null))
                        .config()
                        .capture());
        assertEquals(
                new Capture(true, 8, 100_000, 0),
                SandboxLauncher.options(capture(List.of(), true, null, null, null))
                        .config()
                        .capture());
        assertEquals(
                new Capture(true, 3, 50, 0),
                SandboxLauncher.options(capture(List.of(), true, 3, 50, null))
                        .config()
                        .capture());
    }

    @Test
    void writesImplyCaptureAndReadNPerSecond() {
        assertEquals(
                new Capture(true, 8, 100_000, 200),
                SandboxLauncher.options(capture(List.of("SESSIONS=10"), false, null, null, "200/s"))
                        .config()
                        .capture());
        assertEquals(
                new Capture(true, 16, 100_000, 5),
                SandboxLauncher.options(capture(List.of("SESSIONS=10"), false, 16, null, "5"))
                        .config()
                        .capture());
    }

    @Test
    void badCaptureFlagsAreNamed() {
        assertTrue(refused(capture(List.of(), true, 0, null, null)).startsWith("--capture-shards 0 is out of range"));
        assertTrue(
                refused(capture(List.of(), true, 257, null, null)).startsWith("--capture-shards 257 is out of range"));
        assertTrue(refused(capture(List.of(), true, null, 0, null)).startsWith("--capture-capacity 0 is out of range"));
        assertTrue(refused(capture(List.of(), false, 4, null, null)).startsWith("--capture-shards needs capture on"));
        assertTrue(refused(capture(List.of(), false, null, 9, null)).startsWith("--capture-capacity needs capture on"));
        String tooFast = refused(capture(List.of("S=1"), false, null, null, "100001/s"));
        assertTrue(tooFast.startsWith("--writes '100001/s': N must be between 1 and 100000"), tooFast);
        assertTrue(refused(capture(List.of("S=1"), false, null, null, "fast")).startsWith("--writes 'fast'"));
        assertTrue(refused(capture(List.of("S=1"), false, null, null, "0/s")).startsWith("--writes '0/s'"));
        String nowhere = refused(capture(List.of(), false, null, null, "10/s"));
        assertTrue(nowhere.startsWith("--writes has no namespace to write into"), nowhere);
    }

    @Test
    void theCaptureLineNamesShardsCapacityAndTheWriter() {
        SandboxLauncher.Options off = SandboxLauncher.options(capture(List.of(), false, null, null, null));
        try (SandboxServer server = SandboxLauncher.start(off)) {
            assertTrue(SandboxLauncher.captureLine(server).isEmpty());
        }
        SandboxLauncher.Options on =
                SandboxLauncher.options(capture(List.of("SESSIONS=10", "USERS=5"), false, 4, 1000, "1/s"));
        try (SandboxServer server = SandboxLauncher.start(on)) {
            String line = SandboxLauncher.captureLine(server).orElseThrow();
            assertTrue(line.contains("capture on: 4 shards of up to 1000 pending changes"), line);
            assertTrue(line.contains(server.exportWorkerUrl() + "/landfall/v2/changes/"), line);
            assertTrue(line.contains("REST API are not captured"), line);
            assertTrue(line.endsWith("writer: 1 writes/s into SESSIONS, USERS"), line);
        }
    }

    @Test
    void writesTheEnvFileOwnerOnlyIntoANewDirectory() throws IOException {
        Path env = dir.resolve("sub/sandbox.env");
        SandboxLauncher.Options o = new SandboxLauncher.Options(
                SandboxConfig.builder().randomSeed(7L).build(), List.of(), Optional.of(env));
        try (SandboxServer server = SandboxLauncher.start(o)) {
            assertEquals(SandboxLauncher.environmentLines(server), Files.readString(env));
        }
        if (env.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(env)));
        }
        try (var names = Files.list(env.getParent())) {
            assertEquals(List.of(env), names.toList(), "no temp file is left beside it");
        }
    }
}
