package dev.landfall.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.landfall.core.bundle.BundleStore;
import dev.landfall.core.model.Entry;
import dev.landfall.core.model.KvNamespace;
import dev.landfall.core.spi.Checkpoint;
import dev.landfall.core.spi.Cursor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code landfall import} end to end on local files: wrangler files and bundles. */
class ImportCommandTest {
    private static final KvNamespace FLAGS = new KvNamespace("FLAGS", "FLAGS");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void importsAWranglerFileThenWritesNothingTheSecondTime() throws IOException {
        Path file =
                wranglerFile("[{\"key\":\"b\",\"value\":\"2\"},{\"key\":\"a\",\"value\":\"1\",\"metadata\":{\"x\":1}},"
                        + "{\"key\":\"bin\",\"value\":\"AAE=\",\"base64\":true},"
                        + "{\"key\":\"old\",\"value\":\"x\",\"expiration\":1000}]");
        String to = "bundle:" + dir.resolve("b1");
        CliRun first = CliRun.run("import", "--from", "wrangler:" + file, "--kv", "FLAGS", "--to", to);
        assertEquals(0, first.exitCode(), first.err());
        assertTrue(
                first.out().contains("kv FLAGS: 3 created, 0 updated, 0 deleted, 0 unchanged, 1 expired-skipped"),
                first.out());
        assertEquals(List.of("a", "b", "bin"), keys(dir.resolve("b1")));

        CliRun second = CliRun.run("import", "--from", "wrangler:" + file, "--kv", "FLAGS", "--to", to, "--json");
        assertEquals(0, second.exitCode(), second.err());
        JsonNode summary = JSON.readTree(second.out());
        assertEquals(0, summary.get("created").asLong());
        assertEquals(3, summary.get("unchanged").asLong());
        assertEquals(1, summary.get("expiredSkipped").asLong());
        assertEquals("", second.err(), "--json prints no progress");
    }

    @Test
    void mirrorDeletesWhatTheSourceLacksAndUpsertOnlyReportsIt() throws IOException {
        Path big = wranglerFile("[{\"key\":\"a\",\"value\":\"1\"},{\"key\":\"b\",\"value\":\"2\"}]");
        Path small = wranglerFile("[{\"key\":\"a\",\"value\":\"one\"}]");
        String to = "bundle:" + dir.resolve("b");
        assertEquals(
                0,
                CliRun.run("import", "--from", "wrangler:" + big, "--kv", "FLAGS", "--to", to)
                        .exitCode());

        CliRun upsert = CliRun.run("import", "--from", "wrangler:" + small, "--kv", "FLAGS", "--to", to);
        assertEquals(0, upsert.exitCode(), upsert.err());
        assertTrue(upsert.out().contains("1 updated"), upsert.out());
        assertTrue(upsert.out().contains("1 key(s) only in " + to + " were left in place"), upsert.out());
        assertEquals(List.of("a", "b"), keys(dir.resolve("b")));

        CliRun mirror =
                CliRun.run("import", "--from", "wrangler:" + small, "--kv", "FLAGS", "--to", to, "--mode", "mirror");
        assertEquals(0, mirror.exitCode(), mirror.err());
        assertTrue(mirror.out().contains("1 deleted"), mirror.out());
        assertEquals(List.of("a"), keys(dir.resolve("b")));
    }

    @Test
    void aBundleCopiesIntoAnotherBundleScopeByScope() throws IOException {
        Path file = wranglerFile("[{\"key\":\"k\",\"value\":\"v\"}]");
        String first = "bundle:" + dir.resolve("one");
        assertEquals(
                0,
                CliRun.run("import", "--from", "wrangler:" + file, "--kv", "FLAGS", "--to", first)
                        .exitCode());
        CliRun copy = CliRun.run("import", "--from", first, "--to", "bundle:" + dir.resolve("two"), "--kv", "FLAGS");
        assertEquals(0, copy.exitCode(), copy.err());
        assertEquals(List.of("k"), keys(dir.resolve("two")));
    }

    @Test
    void badInputIsAUsageErrorThatNamesItAndWritesNothing() throws IOException {
        Path file = wranglerFile("[{\"key\":\"k\",\"value\":\"v\"}]");
        String to = "bundle:" + dir.resolve("never");
        assertUsage(CliRun.run("import", "--from", "wrangler:" + file, "--to", to), "needs exactly one --kv");
        assertUsage(
                CliRun.run("import", "--from", "wrangler:" + file, "--kv", "F", "--to", to, "--mode", "merge"),
                "--mode merge is not a mode");
        assertUsage(
                CliRun.run("import", "--from", "wrangler:" + file, "--kv", "F", "--to", to, "--batch", "0"),
                "--batch 0 is out of range");
        assertUsage(
                CliRun.run("import", "--from", "wrangler:" + file, "--kv", "F", "--to", "mysql://db"),
                "no kind of store is called 'mysql'");
        assertUsage(CliRun.run("import", "--from", "cloudflare://abc", "--to", to), "landfall export");
        assertUsage(CliRun.run("import", "--from", to, "--to", to), "the same store");
        Path broken = wranglerFile("[{\"key\":\"k\"}]");
        assertUsage(CliRun.run("import", "--from", "wrangler:" + broken, "--kv", "F", "--to", to), "line 1");
        assertFalse(Files.exists(dir.resolve("never").resolve("manifest.json")), "nothing was written");

        assertEquals(
                0,
                CliRun.run("import", "--from", "wrangler:" + file, "--kv", "FLAGS", "--to", to)
                        .exitCode());
        CliRun unknown = CliRun.run("import", "--from", to, "--to", "bundle:" + dir.resolve("x"), "--kv", "NOPE");
        assertUsage(unknown, "--kv NOPE: not in");
        assertTrue(unknown.err().contains("it holds: --kv FLAGS"), unknown.err());
    }

    private static void assertUsage(CliRun r, String expected) {
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains(expected), r.err());
    }

    private Path wranglerFile(String json) throws IOException {
        Path file = Files.createTempFile(dir, "items", ".json");
        Files.writeString(file, json);
        return file;
    }

    private static List<String> keys(Path bundle) throws IOException {
        List<String> out = new ArrayList<>();
        try (BundleStore store = BundleStore.open(bundle);
                Cursor<Entry> c = store.entries(FLAGS, Checkpoint.START)) {
            while (c.next()) {
                out.add(c.current().key().text());
            }
        }
        return out;
    }
}
