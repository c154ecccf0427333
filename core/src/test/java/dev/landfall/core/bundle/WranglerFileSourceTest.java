package dev.landfall.core.bundle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.landfall.core.error.ErrorKind;
import dev.landfall.core.error.LandfallException;
import dev.landfall.core.model.Entry;
import dev.landfall.core.model.Key;
import dev.landfall.core.model.KvNamespace;
import dev.landfall.core.spi.Checkpoint;
import dev.landfall.core.spi.Cursor;
import dev.landfall.core.time.FakeClock;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WranglerFileSourceTest {
    private static final KvNamespace NS = new KvNamespace("FLAGS", "FLAGS");
    private final FakeClock clock = new FakeClock();

    @TempDir
    Path dir;

    @Test
    void readsEveryFieldWranglerTakesAndServesKeysInByteOrder() throws IOException {
        Path file = write("""
                [
                  {"key": "😀", "value": "emoji"},
                  {"key": "b", "value": "AAEC/w==", "base64": true, "expiration": 1900000000},
                  {"key": "a", "value": "text", "metadata": {"z": 1, "a": [1.50, "x"]}},
                  {"key": "ttl", "value": "t", "expiration_ttl": 3600},
                  {"key": "Ａ", "value": "fullwidth"}
                ]
                """);
        List<Entry> entries = readAll(file, Checkpoint.START);
        assertEquals(
                List.of("a", "b", "ttl", "Ａ", "😀"),
                entries.stream().map(e -> e.key().text()).toList());
        assertEquals("{\"z\":1,\"a\":[1.50,\"x\"]}", entries.get(0).metadataJson());
        assertArrayEquals(new byte[] {0, 1, 2, (byte) 0xff}, entries.get(1).value());
        assertEquals(1_900_000_000L, entries.get(1).expiration());
        assertEquals(clock.epochSecond() + 3600, entries.get(2).expiration());
        assertNull(entries.get(3).expiration());
    }

    @Test
    void theLastOfARepeatedKeyWinsAndResumeSkipsDeliveredKeys() throws IOException {
        Path file = write(
                "[{\"key\":\"k\",\"value\":\"1\"},{\"key\":\"a\",\"value\":\"x\"},{\"key\":\"k\",\"value\":\"2\"},"
                        + "{\"key\":\"z\",\"value\":\"y\"}]");
        List<Entry> all = readAll(file, Checkpoint.START);
        assertEquals(
                List.of("a", "k", "z"), all.stream().map(e -> e.key().text()).toList());
        assertEquals("2", new String(all.get(1).value(), StandardCharsets.UTF_8));
        assertEquals(
                List.of("z"),
                readAll(file, Checkpoint.after(Key.of("k"))).stream()
                        .map(e -> e.key().text())
                        .toList());
    }

    @Test
    void largeUnsortedFilesSpillToDiskAndMergeInOrder() throws IOException {
        int count = 20_000;
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            order.add(i);
        }
        java.util.Collections.shuffle(order, new Random(3));
        Path file = dir.resolve("big.json");
        try (Writer w = Files.newBufferedWriter(file)) {
            w.write("[");
            for (int n = 0; n < count; n++) {
                int i = order.get(n);
                w.write((n == 0 ? "" : ",") + "{\"key\":\"k" + String.format("%06d", i) + "\",\"value\":\"v" + i
                        + "\"}");
            }
            // A repeat of an early key, last in the file: it must win over the spilled one.
            w.write(",{\"key\":\"k000000\",\"value\":\"last\"}]");
        }
        List<Entry> entries;
        try (WranglerFileSource source = new WranglerFileSource(file, NS, clock, 64 * 1024)) {
            entries = drain(source, Checkpoint.START);
            try (Stream<Path> spilled = Files.list(dir)) {
                assertTrue(spilled.anyMatch(p -> p.getFileName().toString().startsWith("landfall-sort-")));
            }
        }
        try (Stream<Path> left = Files.list(dir)) {
            assertEquals(List.of(file), left.toList(), "temporary runs are deleted on close");
        }
        assertEquals(count, entries.size());
        for (int i = 0; i < count; i++) {
            assertEquals(String.format("k%06d", i), entries.get(i).key().text());
        }
        assertEquals("last", new String(entries.get(0).value(), StandardCharsets.UTF_8));
    }

    @Test
    void badFilesNameTheFileAndThePlace() throws IOException {
        assertBad(write("{\"key\":\"a\"}"), "does not start with a JSON array");
        assertBad(write("[{\"key\":\"a\",\"value\":\"x\"},\n {\"key\":\"b\"}]"), "line 2");
        assertBad(write("[{\"key\":\"a\",\"value\":\"x\",\"colour\":1}]"), "unknown field 'colour'");
        assertBad(write("[{\"key\":\"a\",\"value\":\"x\",\"expiration\":1,\"expiration_ttl\":60}]"), "not both");
        assertBad(write("[{\"key\":\"a\",\"value\":\"x\"}"), "wrangler:");
        assertBad(dir.resolve("missing.json"), "does not exist");
    }

    @Test
    void itemsWorkersKvWouldRefuseNameTheLineAndTheLimit() throws IOException {
        String ok = "{\"key\":\"a\",\"value\":\"x\"},\n";
        assertBad(write("[" + ok + "{\"key\":\"\",\"value\":\"x\"}]"), "(line 2, column 1): the key is empty");
        assertBad(
                write("[" + ok + ok.replace("\"a\"", "\"b\"") + "{\"key\":\"" + "k".repeat(600)
                        + "\",\"value\":\"x\"}]"),
                "(line 3, column 1): the key is 600 bytes, over Workers KV's limit of 512 bytes");
        assertBad(write("[{\"key\":\".\",\"value\":\"x\"}]"), "the key is '.'");
        assertBad(write("[{\"key\":\"..\",\"value\":\"x\"}]"), "the key is '..'");
        assertBad(
                write("[{\"key\":\"m\",\"value\":\"x\",\n \"metadata\":{\"m\":\"" + "x".repeat(2048) + "\"}}]"),
                "(line 1, column 2): the metadata is 2056 bytes serialized, over Workers KV's limit of 1024 bytes");
        assertBad(
                write("[{\"key\":\"t\",\"value\":\"x\",\"expiration_ttl\":59}]"),
                "expiration_ttl 59 is under Workers KV's minimum of 60 seconds");
        assertEquals(
                1,
                readAll(
                                write("[{\"key\":\"" + "k".repeat(512) + "\",\"value\":\"x\",\"expiration_ttl\":60}]"),
                                Checkpoint.START)
                        .size(),
                "a 512-byte key and a TTL of 60 s are within the limits");
    }

    private void assertBad(Path file, String expected) {
        LandfallException e = assertThrows(LandfallException.class, () -> readAll(file, Checkpoint.START));
        assertEquals(ErrorKind.USAGE, e.kind());
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    private Path write(String json) throws IOException {
        Path file = Files.createTempFile(dir, "items", ".json");
        Files.writeString(file, json);
        return file;
    }

    private List<Entry> readAll(Path file, Checkpoint after) throws IOException {
        try (WranglerFileSource source = new WranglerFileSource(file, NS, clock, 1 << 20)) {
            return drain(source, after);
        }
    }

    private static List<Entry> drain(WranglerFileSource source, Checkpoint after) throws IOException {
        List<Entry> out = new ArrayList<>();
        try (Cursor<Entry> c = source.entries(NS, after)) {
            while (c.next()) {
                out.add(c.current());
            }
        }
        return out;
    }
}
