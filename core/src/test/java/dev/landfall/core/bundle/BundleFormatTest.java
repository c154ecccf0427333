package dev.landfall.core.bundle;

import static dev.landfall.core.bundle.BundleTesting.KV;
import static dev.landfall.core.bundle.BundleTesting.assertFailed;
import static dev.landfall.core.bundle.BundleTesting.lines;
import static dev.landfall.core.bundle.BundleTesting.numbered;
import static dev.landfall.core.bundle.BundleTesting.part;
import static dev.landfall.core.bundle.BundleTesting.readAll;
import static dev.landfall.core.bundle.BundleTesting.scopeDir;
import static dev.landfall.core.bundle.BundleTesting.write;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.landfall.core.bundle.BundleManifest.PartRecord;
import dev.landfall.core.bundle.BundleManifest.ScopeRecord;
import dev.landfall.core.digest.EntryDigest;
import dev.landfall.core.digest.ScopeDigest;
import dev.landfall.core.model.DurableObject;
import dev.landfall.core.model.Entry;
import dev.landfall.core.model.Key;
import dev.landfall.core.spi.ScopeWriter;
import dev.landfall.core.spi.WriteMode;
import dev.landfall.core.store.OneByteInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a bundle looks like on disk: lines, manifest, permissions, part roll-over, readers. */
class BundleFormatTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> WRANGLER_FIELDS =
            Set.of("key", "value", "base64", "expiration", "expiration_ttl", "metadata");

    @TempDir
    Path tempDir;

    private List<Entry> kvEntries() {
        List<Entry> entries = new ArrayList<>(numbered(KV, 0, 7));
        entries.add(new Entry(KV, Key.of("z-binary"), new byte[] {0, 1, 2, (byte) 0xff}, "{\"type\":\"bin\"}", null));
        entries.add(new Entry(KV, Key.of("z-empty"), new byte[0], "[1,2]", 1_900_000_000L));
        entries.add(new Entry(
                KV, Key.of("z-text é 😀 /?#%+"), "line\n\"two\"".getBytes(StandardCharsets.UTF_8), null, null));
        return entries;
    }

    @Test
    void everyKvLineIsAWranglerBulkItem() throws IOException {
        Path dir = tempDir.resolve("b");
        List<Entry> entries = kvEntries();
        try (BundleStore s = new BundleStore(dir, BundleTesting.parts(4))) {
            write(s, KV, entries);
        }
        List<JsonNode> items = new ArrayList<>();
        try (Stream<Path> parts = Files.list(scopeDir(dir, KV))) {
            for (Path part : parts.sorted().toList()) {
                for (String line : lines(part)) {
                    items.add(JSON.readTree(line));
                }
            }
        }
        assertEquals(entries.size(), items.size());
        for (int i = 0; i < items.size(); i++) {
            JsonNode item = items.get(i);
            Entry e = entries.get(i);
            assertTrue(item.isObject(), item.toString());
            item.fieldNames().forEachRemaining(f -> assertTrue(WRANGLER_FIELDS.contains(f), "unexpected field " + f));
            assertTrue(item.get("key").isTextual(), item.toString());
            assertTrue(item.get("value").isTextual(), item.toString());
            assertEquals(e.key().text(), item.get("key").asText());
            boolean base64 = item.has("base64");
            if (base64) {
                assertTrue(item.get("base64").isBoolean() && item.get("base64").asBoolean(), item.toString());
                assertArrayEquals(
                        e.value(), Base64.getDecoder().decode(item.get("value").asText()));
            } else {
                assertArrayEquals(e.value(), item.get("value").asText().getBytes(StandardCharsets.UTF_8));
            }
            if (e.expiration() == null) {
                assertFalse(item.has("expiration"));
            } else {
                assertTrue(item.get("expiration").isIntegralNumber());
                assertEquals(e.expiration().longValue(), item.get("expiration").asLong());
            }
            if (e.metadataJson() == null) {
                assertFalse(item.has("metadata"));
            } else {
                JsonNode m = item.get("metadata");
                assertTrue(m.isObject() || m.isArray() || m.isNull(), "typeof metadata === 'object': " + m);
                assertEquals(JSON.readTree(e.metadataJson()), m);
            }
        }
        assertTrue(items.stream().anyMatch(n -> n.has("base64")), "the binary value is base64");
    }

    @Test
    void durableObjectLinesHoldTheTypedJsonTextAsAString() throws IOException {
        DurableObject object = new DurableObject("ns", "obj");
        String typed = "{\"$t\":\"Map\",\"v\":[[\"a\",{\"$t\":\"Date\",\"v\":\"2024-05-01T12:00:00.000Z\"}]]}";
        Path dir = tempDir.resolve("b");
        try (BundleStore s = BundleStore.open(dir)) {
            write(
                    s,
                    object,
                    List.of(new Entry(object, Key.of("m"), typed.getBytes(StandardCharsets.UTF_8), null, null)));
        }
        List<String> lines = lines(part(dir, object, 0));
        assertEquals(List.of("{\"key\":\"m\",\"value\":" + JSON.writeValueAsString(typed) + "}"), lines);
        assertEquals(
                JSON.readTree(typed),
                JSON.readTree(JSON.readTree(lines.get(0)).get("value").asText()));
    }

    @Test
    void theManifestRecordsWhatWasWritten() throws IOException {
        Path dir = tempDir.resolve("b");
        DurableObject object = new DurableObject("5d3c", "c0ffee");
        List<Entry> entries = kvEntries();
        BundleOptions options = BundleOptions.builder()
                .toolVersion("1.2.3")
                .accountId("acc-1")
                .clock(BundleTesting.CLOCK)
                .partMaxEntries(4)
                .build();
        try (BundleStore s = new BundleStore(dir, options)) {
            write(s, KV, entries);
            write(s, object, List.of(new Entry(object, Key.of("k"), "1".getBytes(StandardCharsets.UTF_8), null, null)));
        }
        JsonNode m = JSON.readTree(dir.resolve("manifest.json").toFile());
        assertEquals("landfall-bundle", m.get("format").asText());
        assertEquals(1, m.get("formatVersion").asInt());
        assertEquals("1.2.3", m.get("toolVersion").asText());
        assertEquals("acc-1", m.get("accountId").asText());
        assertEquals("2026-11-29T01:36:00Z", m.get("createdAt").asText());
        assertEquals(List.of(object.id(), KV.id()), m.get("scopes").findValuesAsText("id"));

        BundleManifest manifest = new BundleStore(dir, options).manifest().orElseThrow();
        ScopeRecord kv = manifest.scope(KV.id()).orElseThrow();
        assertEquals(KV, kv.scope());
        assertEquals(1, kv.generation());
        assertEquals(entries.size(), kv.count());
        ScopeDigest.Accumulator acc = ScopeDigest.accumulator();
        entries.forEach(acc::add);
        assertEquals(acc.toDigest(), kv.digest());
        assertEquals(
                List.of(4L, 4L, 2L), kv.parts().stream().map(PartRecord::count).toList());
        for (PartRecord p : kv.parts()) {
            byte[] file = Files.readAllBytes(dir.resolve(p.file()));
            assertEquals(file.length, p.bytes());
            assertEquals(HexFormat.of().formatHex(EntryDigest.newSha256().digest(file)), p.sha256());
        }
        assertEquals(Key.of("key-0000"), kv.parts().get(0).firstKey());
        assertEquals(Key.of("key-0003"), kv.parts().get(0).lastKey());
        assertEquals(
                "DurableObject[namespaceId=5d3c, objectId=c0ffee]",
                manifest.scope(object.id()).orElseThrow().scope().toString());
    }

    @Test
    void filesAreOwnerOnly() throws IOException {
        assumeTrue(
                tempDir.getFileSystem().supportedFileAttributeViews().contains("posix"), "no POSIX permissions here");
        Path dir = tempDir.resolve("new/bundle");
        BundleStore s = new BundleStore(dir, BundleTesting.parts(2));
        ScopeWriter w = s.open(KV, WriteMode.UPSERT);
        for (Entry e : numbered(KV, 0, 3)) {
            w.put(e);
        }
        w.flush();
        w.put(numbered(KV, 3, 4).get(0)); // an unsealed .tmp part exists now
        List<Path> all = new ArrayList<>();
        try (Stream<Path> files = Files.walk(tempDir.resolve("new"))) {
            files.forEach(all::add);
        }
        assertTrue(all.stream().anyMatch(p -> p.toString().endsWith(".ndjson.gz.tmp")), all.toString());
        assertTrue(all.stream().anyMatch(p -> p.toString().endsWith("pending.json")), all.toString());
        w.close();
        s.close();
        try (Stream<Path> files = Files.walk(tempDir.resolve("new"))) {
            files.forEach(all::add);
        }
        for (Path p : all) {
            if (!Files.exists(p)) {
                continue;
            }
            String expected = Files.isDirectory(p) ? "rwx------" : "rw-------";
            assertEquals(expected, PosixFilePermissions.toString(Files.getPosixFilePermissions(p)), p.toString());
        }
    }

    @Test
    void partsRollOverByEntriesAndByBytes() throws IOException {
        Path byEntries = tempDir.resolve("entries");
        try (BundleStore s = new BundleStore(byEntries, BundleTesting.parts(3))) {
            write(s, KV, numbered(KV, 0, 10));
        }
        assertEquals(List.of(3L, 3L, 3L, 1L), counts(byEntries));

        Path byBytes = tempDir.resolve("bytes");
        BundleOptions small = BundleOptions.builder()
                .clock(BundleTesting.CLOCK)
                .partMaxBytes(100)
                .build();
        try (BundleStore s = new BundleStore(byBytes, small)) {
            write(s, KV, numbered(KV, 0, 10));
        }
        List<Long> counts = counts(byBytes);
        assertTrue(counts.size() >= 4 && counts.stream().allMatch(c -> c <= 3), counts.toString());
        assertEquals(10, counts.stream().mapToLong(Long::longValue).sum());
    }

    @Test
    void eachFlushSealsAPart() throws IOException {
        Path dir = tempDir.resolve("b");
        try (BundleStore s = BundleStore.open(dir)) {
            try (ScopeWriter w = s.open(KV, WriteMode.UPSERT)) {
                List<Entry> entries = numbered(KV, 0, 5);
                w.put(entries.get(0));
                w.put(entries.get(1));
                w.flush();
                w.flush(); // nothing new: no empty part
                w.put(entries.get(2));
                w.flush();
                w.put(entries.get(3));
                w.put(entries.get(4));
                w.flush();
            }
        }
        assertEquals(List.of(2L, 1L, 2L), counts(dir));
    }

    @Test
    void a25MiBBinaryValueRoundTrips() throws IOException {
        byte[] value = new byte[25 * 1024 * 1024];
        new Random(25).nextBytes(value);
        Path dir = tempDir.resolve("b");
        try (BundleStore s = BundleStore.open(dir)) {
            write(s, KV, List.of(new Entry(KV, Key.of("huge"), value, null, null)));
        }
        try (BundleStore s = BundleStore.open(dir)) {
            List<Entry> back = readAll(s, KV);
            assertEquals(1, back.size());
            assertArrayEquals(value, back.get(0).value());
        }
    }

    @Test
    void partsReadTheSameOneByteAtATime() throws IOException {
        Path dir = tempDir.resolve("b");
        List<Entry> entries = kvEntries();
        try (BundleStore s = new BundleStore(dir, BundleTesting.parts(100))) {
            write(s, KV, entries);
        }
        Path part = part(dir, KV, 0);
        List<Entry> read = new ArrayList<>();
        try (PartReader r = new PartReader(new OneByteInputStream(Files.newInputStream(part)), "p", KV)) {
            for (Entry e = r.next(); e != null; e = r.next()) {
                read.add(e);
            }
            assertEquals(
                    HexFormat.of().formatHex(EntryDigest.newSha256().digest(Files.readAllBytes(part))), r.sha256());
            assertEquals(Files.size(part), r.bytes());
        }
        assertEquals(entries, read);

        byte[] truncated = java.util.Arrays.copyOf(Files.readAllBytes(part), (int) Files.size(part) - 20);
        assertFailed("^p line \\d+: the gzip data ends early", () -> {
            try (PartReader r = new PartReader(new OneByteInputStream(new ByteArrayInputStream(truncated)), "p", KV)) {
                while (r.next() != null) {
                    // reading to the damage
                }
            }
        });
    }

    @Test
    void manifestsReadTheSameOneByteAtATime() throws IOException {
        Path dir = tempDir.resolve("b");
        try (BundleStore s = new BundleStore(dir, BundleTesting.parts(3))) {
            write(s, KV, kvEntries());
            write(
                    s,
                    new DurableObject("n", "o"),
                    List.of(new Entry(new DurableObject("n", "o"), Key.of("k"), new byte[0], null, null)));
        }
        byte[] manifest = Files.readAllBytes(dir.resolve("manifest.json"));
        BundleManifest whole =
                ManifestJson.read(new ByteArrayInputStream(manifest), "m").manifest();
        BundleManifest trickled = ManifestJson.read(new OneByteInputStream(new ByteArrayInputStream(manifest)), "m")
                .manifest();
        assertEquals(whole, trickled);
        assertEquals(2, whole.scopes().size());

        ManifestJson.Pending pending = new ManifestJson.Pending(whole.scopes().get(1), Key.of("key-0004"));
        byte[] json = ManifestJson.writePending(pending);
        assertEquals(pending, ManifestJson.readPending(new OneByteInputStream(new ByteArrayInputStream(json)), "p"));
    }

    @Test
    void scopeDirectoryNamesAreSafeAndReversible() {
        assertEquals("kv%3A0f2ac74b498b48028cb68387c421e279", ScopeDirs.encode("kv:0f2ac74b498b48028cb68387c421e279"));
        assertEquals("do%3Ans%3Aobj", ScopeDirs.encode("do:ns:obj"));
        assertEquals("kv%3A%4Es%2F..%20%C3%A9", ScopeDirs.encode("kv:Ns/.. é"));
        assertEquals("%2E.hidden", ScopeDirs.encode("..hidden"));
        for (String id : List.of("kv:0f2a", "do:ns:obj", "kv:Ns/.. é", "..hidden", "kv:%41~", "kv:😀")) {
            assertEquals(id, ScopeDirs.decode(ScopeDirs.encode(id)).orElseThrow());
            assertTrue(ScopeDirs.encode(id).matches("[a-z0-9._%A-F-]+"), ScopeDirs.encode(id));
        }
        String longId = "kv:" + "é".repeat(100);
        String name = ScopeDirs.encode(longId);
        assertTrue(name.length() <= ScopeDirs.MAX_LENGTH, name);
        assertTrue(ScopeDirs.decode(name).isEmpty());
        assertFalse(name.equals(ScopeDirs.encode(longId + "x")));
    }

    @Test
    void aNewStoreReadsAsEmptyAndOptionsHaveDefaults() throws IOException {
        try (BundleStore s = BundleStore.open(tempDir.resolve("nothing-here"))) {
            assertFalse(s.scopes().next());
            assertTrue(s.manifest().isEmpty());
            assertTrue(s.digest(KV).isEmpty());
        }
        assertFalse(Files.exists(tempDir.resolve("nothing-here")), "reading creates nothing");
        BundleOptions d = BundleOptions.defaults();
        assertEquals(100_000, d.partMaxEntries());
        assertEquals(64L * 1024 * 1024, d.partMaxBytes());
        assertNull(d.accountId());
    }

    private static List<Long> counts(Path dir) throws IOException {
        try (InputStream in = Files.newInputStream(dir.resolve("manifest.json"))) {
            return ManifestJson.read(in, "m").manifest().scope(KV.id()).orElseThrow().parts().stream()
                    .map(PartRecord::count)
                    .toList();
        }
    }
}
