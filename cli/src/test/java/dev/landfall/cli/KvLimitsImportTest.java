package dev.landfall.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.landfall.core.model.Entry;
import dev.landfall.core.model.Key;
import dev.landfall.core.model.KvNamespace;
import dev.landfall.core.spi.ScopeWriter;
import dev.landfall.core.spi.Store;
import dev.landfall.core.spi.StoreRegistry;
import dev.landfall.core.spi.StoreUri;
import dev.landfall.core.spi.WriteMode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What Workers KV would refuse (an empty, {@code .}/{@code ..} or over-512-byte key, metadata over
 * 1024 bytes, a TTL under 60 s) is refused on input by every reader, naming the file and line (or
 * the store and key) and the limit, and nothing is written.
 */
class KvLimitsImportTest {
    private static final KvNamespace NS = new KvNamespace("FLAGS", "FLAGS");

    @TempDir
    Path dir;

    @Test
    void aWranglerFileItemOverALimitIsExit2NamingTheLineAndTheLimit() throws IOException {
        String ok = "{\"key\":\"fine\",\"value\":\"v\"},\n";
        for (List<String> c : List.of(
                List.of("{\"key\":\"\",\"value\":\"v\"}", "the key is empty"),
                List.of(
                        "{\"key\":\"" + "k".repeat(600) + "\",\"value\":\"v\"}",
                        "the key is 600 bytes, over Workers KV's limit of 512"),
                List.of("{\"key\":\"..\",\"value\":\"v\"}", "the key is '..'"),
                List.of(
                        "{\"key\":\"m\",\"value\":\"v\",\"metadata\":{\"m\":\"" + "x".repeat(2048) + "\"}}",
                        "the metadata is 2056 bytes serialized, over Workers KV's limit of 1024 bytes"),
                List.of("{\"key\":\"t\",\"value\":\"v\",\"expiration_ttl\":59}", "minimum of 60 seconds"))) {
            Path file = dir.resolve("items.json");
            Files.writeString(file, "[" + ok + c.get(0) + "]");
            Path db = dir.resolve("never.db");

            CliRun r = CliRun.run("import", "--from", "wrangler:" + file, "--kv", "FLAGS", "--to", "sqlite:" + db);

            assertEquals(2, r.exitCode(), r.err());
            assertTrue(r.err().contains("wrangler:" + file + " (line 2, column "), r.err());
            assertTrue(r.err().contains(c.get(1)), r.err());
            assertTrue(r.err().contains("hint: Cloudflare would refuse this item too"), r.err());
            assertEquals(
                    1, r.err().lines().filter(l -> l.startsWith("landfall:")).count(), r.err());
            assertFalse(Files.exists(db), "nothing was written");
        }
    }

    @Test
    void aStoreReadAsASourceIsHeldToTheLimitsBeforeAnythingIsWritten() throws IOException {
        Path old = dir.resolve("old.db");
        try (Store store = StoreRegistry.open("--to", StoreUri.parse("sqlite:" + old));
                ScopeWriter w = store.open(NS, WriteMode.UPSERT)) {
            w.put(entry("a", "{}"));
            w.put(entry("k".repeat(600), null));
            w.flush();
        }
        Path bundle = dir.resolve("dump");

        CliRun r = CliRun.run("import", "--from", "sqlite:" + old, "--to", "bundle:" + bundle);

        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("sqlite:" + old + ": key \"kkkk"), r.err());
        assertTrue(r.err().contains("the key is 600 bytes, over Workers KV's limit of 512 bytes"), r.err());
        assertTrue(r.err().contains("nothing was written"), r.err());
        assertFalse(Files.exists(bundle), "no bundle that breaks the bundle format");
    }

    @Test
    void aBundleLineOverALimitIsDamageNamingTheFileAndLine() throws IOException {
        Path file = dir.resolve("items.json");
        Files.writeString(file, "[{\"key\":\"a\",\"value\":\"v\"},{\"key\":\"b\",\"value\":\"v\"}]");
        Path bundle = dir.resolve("b");
        assertEquals(
                0,
                CliRun.run("import", "--from", "wrangler:" + file, "--kv", "FLAGS", "--to", "bundle:" + bundle)
                        .exitCode());
        Path part;
        try (var parts = Files.walk(bundle)) {
            part = parts.filter(p -> p.toString().endsWith(".ndjson.gz"))
                    .findFirst()
                    .orElseThrow();
        }
        Files.write(
                part,
                gzip("{\"key\":\"a\",\"value\":\"v\"}\n{\"key\":\"b\",\"value\":\"v\",\"metadata\":{\"m\":\""
                        + "x".repeat(2048) + "\"}}\n"));
        Path db = dir.resolve("never.db");

        CliRun r = CliRun.run("import", "--from", "bundle:" + bundle, "--to", "sqlite:" + db);

        assertEquals(1, r.exitCode(), r.err());
        assertTrue(r.err().contains("part-00000.ndjson.gz line 2: bad entry: the metadata is 2056 bytes"), r.err());
        assertFalse(Files.exists(db), "nothing was written");
    }

    private static Entry entry(String key, String metadata) {
        return new Entry(NS, Key.of(key), "v".getBytes(StandardCharsets.UTF_8), metadata, null);
    }

    private static byte[] gzip(String text) throws IOException {
        var out = new java.io.ByteArrayOutputStream();
        try (var gz = new java.util.zip.GZIPOutputStream(out)) {
            gz.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }
}
