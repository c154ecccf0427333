package dev.landfall.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.landfall.core.model.Entry;
import dev.landfall.core.model.KvNamespace;
import dev.landfall.core.model.Scope;
import dev.landfall.core.spi.Checkpoint;
import dev.landfall.core.spi.Cursor;
import dev.landfall.core.spi.Source;
import dev.landfall.core.spi.StoreRegistry;
import dev.landfall.core.spi.StoreUri;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A damaged bundle writes nothing into the store: every selected scope is read through and checked
 * (each part's size and SHA-256, each scope's digest) before the store is opened, so a value
 * changed in a part, with or without the part's checksum fixed to match, never reaches the store,
 * whatever the batch size. Corrupt input is exit 1 (docs/import.md).
 */
class DamagedBundleImportTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final KvNamespace BIG = new KvNamespace("BIG", "BIG");
    private static final KvNamespace ALPHA = new KvNamespace("ALPHA", "ALPHA");

    @TempDir
    Path dir;

    private Path bundle;

    /** A bundle with ALPHA (5 keys, intact) and BIG (200 keys, one part), in that scope order. */
    @BeforeEach
    void bundle() throws IOException {
        bundle = dir.resolve("bundle");
        importFile(BIG, 200);
        importFile(ALPHA, 5);
    }

    @Test
    void aValueChangedWithThePartChecksumFixedWritesNothing() throws IOException {
        tamper(true);
        assertNothingWritten("does not match the manifest's");
    }

    @Test
    void aValueChangedWithoutFixingThePartChecksumWritesNothing() throws IOException {
        tamper(false);
        assertNothingWritten("is not the one manifest.json records");
    }

    @Test
    void aStoreThatHeldDataBeforeIsLeftAsItWas() throws IOException {
        Path db = dir.resolve("store.db");
        CliRun first = CliRun.run("import", "--from", "bundle:" + bundle, "--to", "sqlite:" + db, "--kv", "ALPHA");
        assertEquals(0, first.exitCode(), first.err());
        List<String> before = keys(db, ALPHA);
        tamper(true);

        CliRun r = CliRun.run("import", "--batch", "10", "--from", "bundle:" + bundle, "--to", "sqlite:" + db);

        assertEquals(1, r.exitCode(), r.err());
        assertEquals(before, keys(db, ALPHA), "the intact scope is as it was");
        assertEquals(List.of(), keys(db, BIG), "nothing of the damaged scope");
    }

    @Test
    void aValueChangedAtTheEndOfALargeScopeWritesNothing() throws IOException {
        KvNamespace large = new KvNamespace("LARGE", "LARGE");
        importFile(large, 25_000);
        ObjectNode lastPart = null;
        for (var scope : JSON.readTree(bundle.resolve("manifest.json").toFile()).get("scopes")) {
            if (scope.get("id").asText().equals(large.id())) {
                assertTrue(scope.get("parts").size() > 1, "LARGE spans several parts");
                lastPart =
                        (ObjectNode) scope.get("parts").get(scope.get("parts").size() - 1);
            }
        }
        List<String> lines = readPart(bundle.resolve(lastPart.get("file").asText()));
        String last = lines.remove(lines.size() - 1);
        lines.add(last.replaceFirst("\"value\":\"value ", "\"value\":\"tampered "));
        rewritePart(lastPart, lines, true);

        assertNothingWritten("does not match the manifest's");
    }

    private void assertNothingWritten(String problem) throws IOException {
        Path db = dir.resolve("new.db");
        for (String batch : List.of("10", "1000")) {
            CliRun r = CliRun.run("import", "--batch", batch, "--from", "bundle:" + bundle, "--to", "sqlite:" + db);
            assertEquals(1, r.exitCode(), r.err());
            assertTrue(r.err().contains(problem), r.err());
            assertTrue(r.err().contains("part-00000.ndjson.gz") || r.err().contains("manifest.json"), r.err());
            assertTrue(r.err().contains("nothing was written"), r.err());
            assertFalse(Files.exists(db), "the store was not even created");
        }
        CliRun migrate = CliRun.run(
                "migrate",
                "--batch",
                "10",
                "--from",
                "bundle:" + bundle,
                "--to",
                "sqlite:" + db,
                "--run-dir",
                dir.resolve("run").toString());
        assertEquals(1, migrate.exitCode(), migrate.err());
        assertTrue(migrate.err().contains(problem), migrate.err());
        assertFalse(Files.exists(db), "migrate did not create the store either");
    }

    private void importFile(KvNamespace ns, int keys) throws IOException {
        StringBuilder items = new StringBuilder("[");
        for (int i = 0; i < keys; i++) {
            items.append(i == 0 ? "" : ",")
                    .append(String.format("{\"key\":\"key-%04d\",\"value\":\"value %d\"}", i, i));
        }
        Path file = dir.resolve(ns.title() + ".json");
        Files.writeString(file, items.append("]"));
        CliRun r = CliRun.run("import", "--from", "wrangler:" + file, "--kv", ns.title(), "--to", "bundle:" + bundle);
        assertEquals(0, r.exitCode(), r.err());
    }

    /** Changes the value of key-0150 in BIG's one part; with fixChecksum, records the new part in the manifest. */
    private void tamper(boolean fixChecksum) throws IOException {
        Path manifestFile = bundle.resolve("manifest.json");
        ObjectNode manifest = (ObjectNode) JSON.readTree(manifestFile.toFile());
        ObjectNode partRecord = null;
        for (var scope : manifest.get("scopes")) {
            if (scope.get("id").asText().equals(BIG.id())) {
                assertEquals(1, scope.get("parts").size(), "BIG is one part");
                partRecord = (ObjectNode) scope.get("parts").get(0);
            }
        }
        List<String> lines = readPart(bundle.resolve(partRecord.get("file").asText()));
        String original = "{\"key\":\"key-0150\",\"value\":\"value 150\"}";
        assertTrue(lines.remove(original), lines.get(150));
        lines.add(150, "{\"key\":\"key-0150\",\"value\":\"tampered\"}");
        rewritePart(partRecord, lines, fixChecksum);
    }

    private static List<String> readPart(Path part) throws IOException {
        List<String> lines = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(
                new InputStreamReader(new GZIPInputStream(Files.newInputStream(part)), StandardCharsets.UTF_8))) {
            r.lines().forEach(lines::add);
        }
        return lines;
    }

    /** Writes the part anew; with fixChecksum, records its new size and SHA-256 in the manifest. */
    private void rewritePart(ObjectNode partRecord, List<String> lines, boolean fixChecksum) throws IOException {
        Path part = bundle.resolve(partRecord.get("file").asText());
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(part))) {
            for (String line : lines) {
                out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            }
        }
        if (fixChecksum) {
            Path manifestFile = bundle.resolve("manifest.json");
            ObjectNode manifest = (ObjectNode) JSON.readTree(manifestFile.toFile());
            for (var scope : manifest.get("scopes")) {
                for (var record : scope.get("parts")) {
                    if (record.get("file").equals(partRecord.get("file"))) {
                        byte[] bytes = Files.readAllBytes(part);
                        ((ObjectNode) record).put("bytes", bytes.length);
                        ((ObjectNode) record).put("sha256", sha256(bytes));
                    }
                }
            }
            JSON.writerWithDefaultPrettyPrinter().writeValue(manifestFile.toFile(), manifest);
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    private static List<String> keys(Path db, Scope scope) throws IOException {
        List<String> out = new ArrayList<>();
        try (Source store = StoreRegistry.openForReading("--from", StoreUri.parse("sqlite:" + db));
                Cursor<Entry> c = store.entries(scope, Checkpoint.START)) {
            while (c.next()) {
                out.add(c.current().key().text());
            }
        }
        return out;
    }
}
