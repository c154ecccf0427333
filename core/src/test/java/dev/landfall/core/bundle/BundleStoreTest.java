package dev.landfall.core.bundle;

import static dev.landfall.core.bundle.BundleTesting.assertFailed;
import static dev.landfall.core.bundle.BundleTesting.lines;
import static dev.landfall.core.bundle.BundleTesting.part;
import static dev.landfall.core.bundle.BundleTesting.writeLines;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.landfall.core.digest.ScopeDigest;
import dev.landfall.core.model.Entry;
import dev.landfall.core.model.Key;
import dev.landfall.core.spi.Store;
import dev.landfall.core.spi.WriteMode;
import dev.landfall.core.store.AbstractStoreContractTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The store contract on bundles (with three entries per part, so every case crosses parts), plus
 * the damage a bundle must detect: each error names the file and the line.
 */
class BundleStoreTest extends AbstractStoreContractTest {
    static final BundleOptions SMALL_PARTS = BundleOptions.builder()
            .toolVersion("9.9.9-test")
            .accountId("023e105f4ecef8ad9ca31a8372d0c353")
            .clock(BundleTesting.CLOCK)
            .partMaxEntries(3)
            .build();

    @Override
    protected Store openStore(Path dir) {
        return new BundleStore(dir, SMALL_PARTS);
    }

    @Override
    protected boolean acceptsUnorderedWrites() {
        return false;
    }

    @Override
    protected boolean flushedEntriesVisibleBeforeClose() {
        return false;
    }

    // --- damage -----------------------------------------------------------------------------------

    /** A bundle of key-0000..key-0009 in parts of 4, 4 and 2 entries. */
    private Path damageable() throws IOException {
        Path dir = tempDir.resolve("damaged");
        BundleStore s = new BundleStore(dir, BundleTesting.parts(4));
        write(s, KV, WriteMode.UPSERT, numbered(KV, 10));
        s.close();
        return dir;
    }

    /**
     * Reads the bundle's scope from the top, and checks it on three threads, a part each: both fail
     * alike (the check as the reader from the top), or neither does.
     */
    private void read(Path dir) throws IOException {
        Exception checked = failureOf(() -> {
            try (BundleStore s = new BundleStore(dir, BundleTesting.parts(4))) {
                s.checkScope(KV, 3, e -> {});
            }
        });
        Exception read = failureOf(() -> {
            try (BundleStore s = new BundleStore(dir, BundleTesting.parts(4))) {
                readAll(s, KV);
            }
        });
        assertEquals(describe(read), describe(checked), "a check on several threads fails as a reader from the top");
        if (read instanceof IOException e) {
            throw e;
        }
        if (read != null) {
            throw (RuntimeException) read;
        }
    }

    private static Exception failureOf(org.junit.jupiter.api.function.Executable action) {
        try {
            action.execute();
            return null;
        } catch (Exception e) {
            return e;
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }

    private static String describe(Exception e) {
        return e == null ? "no failure" : e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    private static String file(int n) {
        return Pattern.quote(String.format("part-%05d.ndjson.gz", n));
    }

    @Test
    void everyTruncationIsReportedWithFileAndLine() throws IOException {
        Path dir = damageable();
        Path part = part(dir, KV, 1);
        byte[] whole = Files.readAllBytes(part);
        for (int length = 0; length < whole.length; length++) {
            Files.write(part, Arrays.copyOf(whole, length));
            assertFailed(file(1) + " line \\d+", () -> read(dir));
        }
        Files.write(part, Arrays.copyOf(whole, whole.length / 2));
        assertFailed(file(1) + " line \\d+: the gzip data ends early: the file is truncated", () -> read(dir));
    }

    @Test
    void everyFlippedByteIsReportedWithFileAndLine() throws IOException {
        Path dir = damageable();
        Path part = part(dir, KV, 1);
        byte[] whole = Files.readAllBytes(part);
        for (int at = 0; at < whole.length; at++) {
            byte[] damaged = whole.clone();
            damaged[at] ^= 0x55;
            Files.write(part, damaged);
            assertFailed(file(1) + " line \\d+", () -> read(dir));
        }
    }

    @Test
    void aDeletedLineIsReported() throws IOException {
        Path dir = damageable();
        Path part = part(dir, KV, 1);
        List<String> lines = new ArrayList<>(lines(part));
        lines.remove(1);
        writeLines(part, lines);
        assertFailed(
                file(1) + " line 3 \\(end of file\\): the file holds 3 entries but manifest.json records 4",
                () -> read(dir));
        lines.remove(0);
        writeLines(part, lines);
        assertFailed(file(1) + " line 1: first key 'key-0006' is not 'key-0004'", () -> read(dir));
    }

    @Test
    void keysOutOfOrderAreReported() throws IOException {
        Path dir = damageable();
        Path part = part(dir, KV, 1);
        List<String> lines = new ArrayList<>(lines(part));
        String second = lines.get(1);
        lines.set(1, lines.get(2));
        lines.set(2, second);
        writeLines(part, lines);
        assertFailed(file(1) + " line 3: key 'key-0005' is not after the previous key 'key-0006'", () -> read(dir));
    }

    @Test
    void badLinesAreReported() throws IOException {
        Path dir = damageable();
        Path part = part(dir, KV, 2);
        List<String> original = lines(part);
        List<String> lines = new ArrayList<>(original);
        lines.set(1, "not json");
        writeLines(part, lines);
        assertFailed(file(2) + " line 2: bad entry: Unrecognized token 'not'", () -> read(dir));
        lines.set(1, "{\"key\":\"key-0009\",\"value\":\"v\",\"oops\":1}");
        writeLines(part, lines);
        assertFailed(file(2) + " line 2: bad entry: unknown field 'oops'", () -> read(dir));
        lines.set(1, "{\"key\":\"key-0009\",\"value\":\"%%%\",\"base64\":true}");
        writeLines(part, lines);
        assertFailed(file(2) + " line 2: bad entry: value is not valid base64", () -> read(dir));
        lines.set(1, original.get(1) + " " + original.get(1));
        writeLines(part, lines);
        assertFailed(file(2) + " line 2: more than one JSON value on the line", () -> read(dir));
        writeLines(part, List.of(original.get(0), "", original.get(1)));
        assertFailed(file(2) + " line 2: empty line", () -> read(dir));
    }

    @Test
    void linesWorkersKvWouldRefuseAreReportedAndNeverWritten() throws IOException {
        Path dir = damageable();
        Path part = part(dir, KV, 2);
        List<String> lines = new ArrayList<>(lines(part));
        String longKey = "key-0009" + "x".repeat(600);
        lines.set(1, "{\"key\":\"" + longKey + "\",\"value\":\"v\"}");
        writeLines(part, lines);
        assertFailed(
                file(2) + " line 2: bad entry: the key is 608 bytes, over Workers KV's limit of 512 bytes",
                () -> read(dir));
        lines.set(1, "{\"key\":\"key-0009\",\"value\":\"v\",\"metadata\":{\"m\":\"" + "x".repeat(2048) + "\"}}");
        writeLines(part, lines);
        assertFailed(
                file(2) + " line 2: bad entry: the metadata is 2056 bytes serialized, over Workers KV's limit",
                () -> read(dir));

        Path other = tempDir.resolve("refused");
        try (BundleStore s = new BundleStore(other, BundleTesting.parts(4))) {
            assertFailed(
                    "key \"key-0009x+\" in .* cannot be written to a bundle: the key is 608 bytes",
                    () -> write(
                            s, KV, WriteMode.UPSERT, List.of(new Entry(KV, Key.of(longKey), new byte[0], null, null))));
        }
    }

    @Test
    void aChangedValueIsCaughtByTheFileDigest() throws IOException {
        Path dir = damageable();
        Path part = part(dir, KV, 0);
        List<String> lines = new ArrayList<>(lines(part));
        lines.set(2, lines.get(2).replace("value 2", "value X"));
        writeLines(part, lines);
        assertFailed(
                file(0) + " line 4 \\(end of file\\): the file \\(\\d+ bytes, SHA-256 [0-9a-f]{64}\\) is not the one"
                        + " manifest.json records",
                () -> read(dir));
    }

    @Test
    void bytesAfterTheGzipDataAreCaught() throws IOException {
        Path dir = damageable();
        Path part = part(dir, KV, 2);
        Files.write(part, "trailing".getBytes(StandardCharsets.UTF_8), java.nio.file.StandardOpenOption.APPEND);
        assertFailed(file(2) + " line 2 \\(end of file\\): the file", () -> read(dir));
    }

    @Test
    void aMissingPartIsReported() throws IOException {
        Path dir = damageable();
        Files.delete(part(dir, KV, 1));
        assertFailed(file(1) + " is missing \\(manifest.json line \\d+ lists it\\)", () -> read(dir));
    }

    @Test
    void aDamagedManifestIsReportedWithItsLine() throws IOException {
        Path dir = damageable();
        Path manifest = dir.resolve("manifest.json");
        String original = Files.readString(manifest);

        Files.writeString(manifest, original.substring(0, original.length() / 2));
        assertFailed(
                "manifest.json line \\d+: the JSON breaks off before it ends: the text is cut short$", () -> read(dir));

        Files.writeString(manifest, original.replace("\"formatVersion\": 1", "\"formatVersion\": 2"));
        assertFailed("manifest.json line 3: format version 2 is not supported", () -> read(dir));

        Files.writeString(manifest, original.replaceFirst("\"count\": 10,", "\"count\": 11,"));
        assertFailed("manifest.json line 6: scope kv:[0-9a-f]+: count 11 but its digest counts 10", () -> read(dir));

        Files.writeString(
                manifest, original.replaceFirst("\"sum\":\"[0-9a-f]{64}\"", "\"sum\":\"" + "0".repeat(64) + "\""));
        assertFailed("manifest.json line \\d+: digest buckets do not add up to its sum", () -> read(dir));

        Files.writeString(manifest, original.replace("\"format\": \"landfall-bundle\"", "\"format\": \"zip\""));
        assertFailed("manifest.json line 2: format is 'zip'", () -> read(dir));

        Files.writeString(manifest, original.replace("scopes/kv%3A", "scopes/../kv%3A"));
        assertFailed("manifest.json line \\d+: part file 'scopes/../kv%3A", () -> read(dir));

        Files.writeString(manifest, "hello");
        assertFailed("manifest.json line 1: Unrecognized token 'hello'", () -> read(dir));
    }

    @Test
    void aManifestDigestThatDoesNotMatchThePartsIsReported() throws IOException {
        Path dir = damageable();
        Path manifest = dir.resolve("manifest.json");
        ScopeDigest other = digest(numbered(new dev.landfall.core.model.KvNamespace("x", "X"), 10).stream()
                .map(e -> new dev.landfall.core.model.Entry(
                        KV, e.key(), "other".getBytes(StandardCharsets.UTF_8), null, null))
                .toList());
        String edited = Files.readString(manifest)
                .replaceFirst(
                        "\"digest\": \\{.*\\}\\}\\},",
                        "\"digest\": " + java.util.regex.Matcher.quoteReplacement(other.toJson()) + ",");
        Files.writeString(manifest, edited);
        assertFailed(
                "manifest.json line 6: the digest of the 10 entries of kv:[0-9a-f]+ read from its parts does not"
                        + " match the manifest's",
                () -> read(dir));
    }

    @Test
    void ofSeveralDamagedPartsTheCheckReportsTheFirst() throws IOException {
        Path dir = damageable();
        for (int n : new int[] {1, 2}) {
            List<String> lines = new ArrayList<>(lines(part(dir, KV, n)));
            lines.set(0, lines.get(0).replace("\"value ", "\"changed "));
            writeLines(part(dir, KV, n), lines);
        }
        for (int attempt = 0; attempt < 20; attempt++) {
            assertFailed(file(1) + " line \\d+ \\(end of file\\): the file", () -> read(dir));
        }
    }

    @Test
    void theCheckHandsEveryEntryOverOnce() throws IOException {
        Path dir = damageable();
        List<Entry> seen = java.util.Collections.synchronizedList(new ArrayList<>());
        try (BundleStore s = new BundleStore(dir, BundleTesting.parts(4))) {
            s.checkScope(KV, 3, seen::add);
        }
        List<Entry> sorted = new ArrayList<>(seen);
        sorted.sort(java.util.Comparator.comparing(Entry::key));
        assertEquals(numbered(KV, 10), sorted);
    }

    @Test
    void theReadAfterACheckGetsWhatTheCheckVerifiedEvenIfAPartChangesMeanwhile() throws IOException {
        Path dir = damageable();
        try (BundleStore s = new BundleStore(dir, BundleTesting.parts(4))) {
            s.checkScope(KV, 2, e -> {});
            List<String> lines = new ArrayList<>(lines(part(dir, KV, 2)));
            lines.set(1, lines.get(1).replace("value 9", "value X"));
            writeLines(part(dir, KV, 2), lines);
            assertEquals(numbered(KV, 10), readAll(s, KV));
            assertEquals(
                    numbered(KV, 10).subList(5, 10),
                    readAll(s, KV, dev.landfall.core.spi.Checkpoint.after(Key.of("key-0004"))));
        }
    }

    @Test
    void aPartChangedAfterTheCheckStillFailsTheReadWhenTheSpoolIsFull() throws IOException {
        Path dir = damageable();
        try (EntrySpool full = new EntrySpool(tempDir, 10);
                BundleStore s = new BundleStore(dir, BundleTesting.parts(4)).spoolingInto(full)) {
            s.checkScope(KV, 2, e -> {});
            List<String> lines = new ArrayList<>(lines(part(dir, KV, 2)));
            lines.set(1, lines.get(1).replace("value 9", "value X"));
            writeLines(part(dir, KV, 2), lines);
            assertFailed(file(2) + " line 2 \\(end of file\\): the file", () -> readAll(s, KV));
        }
    }

    @Test
    void readingFromACheckpointSkipsWholeParts() throws IOException {
        Path dir = damageable();
        Files.write(part(dir, KV, 0), new byte[] {1, 2, 3}); // damaged, but before the checkpoint
        BundleStore s = new BundleStore(dir, BundleTesting.parts(4));
        try {
            assertEquals(
                    numbered(KV, 10).subList(5, 10),
                    readAll(s, KV, dev.landfall.core.spi.Checkpoint.after(dev.landfall.core.model.Key.of("key-0004"))));
        } finally {
            s.close();
        }
    }
}
