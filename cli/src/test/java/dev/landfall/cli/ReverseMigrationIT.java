package dev.landfall.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.landfall.core.model.Entry;
import dev.landfall.core.model.Key;
import dev.landfall.core.model.Scope;
import dev.landfall.core.spi.Checkpoint;
import dev.landfall.core.spi.Cursor;
import dev.landfall.core.spi.Source;
import dev.landfall.core.spi.StoreRegistry;
import dev.landfall.core.spi.StoreUri;
import dev.landfall.sandbox.RateLimit;
import dev.landfall.sandbox.SandboxConfig;
import dev.landfall.sandbox.SandboxServer;
import dev.landfall.sandbox.internal.KvItem;
import dev.landfall.sandbox.internal.KvNamespaceState;
import dev.landfall.sandbox.internal.KvValue;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The way back, end to end through {@code Landfall.run}: a sandbox namespace with text and binary
 * values, metadata and expirations is exported to a bundle, migrated into SQLite, migrated from
 * SQLite into a second namespace with {@code --to cloudflare://ACCOUNT?namespace=…&create=true},
 * and exported again. Both bundles hold the same entries with the same digest; then the real
 * wrangler CLI lists the second namespace and reads a binary value back, byte for byte.
 */
class ReverseMigrationIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int KEYS = 1_200; // more than one list page of 1,000

    @TempDir
    Path dir;

    @Test
    void aNamespaceMigratedIntoSqliteGoesBackIntoASecondNamespaceByteExact() throws Exception {
        try (SandboxServer server = SandboxServer.start(SandboxConfig.builder()
                .rateLimit(RateLimit.UNLIMITED)
                .randomSeed(21)
                .build())) {
            Map<String, String> env = server.environment();
            byte[] binary = seed(server.kvStore().create("SESSIONS"));
            Path first = dir.resolve("first");
            Path second = dir.resolve("second");
            String db = "sqlite:" + dir.resolve("new-side.db");

            ok(CliRun.run(env, "export", "--from", "cloudflare://", "--kv", "SESSIONS", "--to", "bundle:" + first));
            ok(CliRun.run(env, "migrate", "--from", "bundle:" + first, "--to", db, "--run-dir", run("in")));
            String back = "cloudflare://" + server.accountId() + "?namespace=SESSIONS-BACK&create=true";
            CliRun reverse = CliRun.run(
                    env, "migrate", "--from", db, "--to", back, "--run-dir", run("back"), "--format", "json");
            ok(reverse);
            JsonNode report = JSON.readTree(reverse.out());
            assertTrue(report.get("equal").asBoolean(), reverse.out());
            assertTrue(report.get("apiRequests").asLong() > 0, "writing back spends the API budget: " + reverse.out());
            ok(CliRun.run(
                    env, "export", "--from", "cloudflare://", "--kv", "SESSIONS-BACK", "--to", "bundle:" + second));

            JsonNode a = onlyScope(first);
            JsonNode b = onlyScope(second);
            assertEquals("SESSIONS", a.get("title").asText());
            assertEquals("SESSIONS-BACK", b.get("title").asText());
            assertEquals(KEYS + 1, a.get("count").asLong());
            assertEquals(a.get("count"), b.get("count"));
            assertEquals(a.get("digest"), b.get("digest"), "per-scope digests (and their 256 buckets) are equal");
            assertEquals(entries("bundle:" + first), entries("bundle:" + second), "entry by entry");

            for (String[] args : List.of(
                    new String[] {"plan", "--from", db, "--to", back},
                    new String[] {"verify", "data", "--from", db, "--to", back})) {
                CliRun r = CliRun.run(env, args);
                ok(r);
                assertFalse((r.out() + r.err()).contains(server.token()), "no token in any output");
            }
            assertFalse((reverse.out() + reverse.err()).contains(server.token()));

            readBackWithWrangler(server, b.get("namespaceId").asText(), binary);
        }
    }

    /** Real wrangler lists every key of the second namespace and reads the binary value raw. */
    private void readBackWithWrangler(SandboxServer server, String namespaceId, byte[] binary) throws Exception {
        Optional<Path> wrangler = HermeticWrangler.locate();
        Assumptions.assumeTrue(
                wrangler.isPresent() || System.getenv("LANDFALL_IT_REQUIRED") != null,
                "wrangler is not installed: npm ci --prefix test-peers");
        HermeticWrangler w = HermeticWrangler.against(
                wrangler.orElseThrow(() -> new AssertionError("LANDFALL_IT_REQUIRED: wrangler must be installed")),
                dir.resolve("wrangler"),
                server.environment());
        HermeticWrangler.Result list = w.run("kv", "key", "list", "--namespace-id", namespaceId, "--remote");
        assertEquals(0, list.exitCode(), list.stderr());
        JsonNode keys = JSON.readTree(list.stdout());
        assertEquals(KEYS + 1, keys.size(), "wrangler follows the cursor past 1,000 keys");
        assertTrue(keys.toString().contains("\"metadata\":{\"i\":3"), "metadata is listed");
        HermeticWrangler.Result get =
                w.run("kv", "key", "get", "bin/raw value", "--namespace-id", namespaceId, "--remote");
        assertEquals(0, get.exitCode(), get.stderr());
        assertArrayEquals(binary, get.stdout(), "the binary value, byte for byte");
        HermeticWrangler.Result text = w.run("kv", "key", "get", "k0007", "--namespace-id", namespaceId, "--remote");
        assertEquals("text value 7 é", text.stdoutText());
    }

    /** Text values, every third with metadata, every fifth expiring in a day, and one binary value. */
    private static byte[] seed(KvNamespaceState ns) {
        long day = Instant.now().getEpochSecond() + 86_400;
        for (int i = 0; i < KEYS; i++) {
            String metadata = i % 3 == 0 ? "{\"i\":" + i + ",\"tag\":\"t" + i % 7 + "\"}" : null;
            Long expiration = i % 5 == 0 ? day + i : null;
            ns.put(new KvItem(
                    Key.of(String.format("k%04d", i)),
                    KvValue.of(("text value " + i + " é").getBytes(StandardCharsets.UTF_8)),
                    metadata,
                    expiration));
        }
        byte[] binary = new byte[3 * 1024 * 1024 + 17];
        new SplittableRandom(21).nextBytes(binary);
        binary[0] = (byte) 0xff; // never valid UTF-8: it must travel as base64
        ns.put(new KvItem(Key.of("bin/raw value"), KvValue.of(binary), "{\"kind\":\"blob\"}", day));
        return binary;
    }

    private String run(String name) {
        return dir.resolve("run-" + name).toString();
    }

    private static void ok(CliRun r) {
        assertEquals(0, r.exitCode(), r.out() + r.err());
    }

    private static JsonNode onlyScope(Path bundle) throws IOException {
        JsonNode scopes =
                JSON.readTree(Files.readString(bundle.resolve("manifest.json"))).get("scopes");
        assertEquals(1, scopes.size(), scopes.toString());
        return scopes.get(0);
    }

    /** Every entry as key, value, metadata and expiration, without the scope (the names differ). */
    private static List<String> entries(String uri) throws IOException {
        List<String> out = new ArrayList<>();
        try (Source s = StoreRegistry.openForReading("--from", StoreUri.parse(uri));
                Cursor<Scope> scopes = s.scopes()) {
            while (scopes.next()) {
                try (Cursor<Entry> c = s.entries(scopes.current(), Checkpoint.START)) {
                    while (c.next()) {
                        Entry e = c.current();
                        out.add(e.key() + " "
                                + java.util.HexFormat.of()
                                        .formatHex(java.security.MessageDigest.getInstance("SHA-256")
                                                .digest(e.value()))
                                + " " + e.metadataJson() + " " + e.expiration());
                    }
                } catch (java.security.NoSuchAlgorithmException e) {
                    throw new AssertionError(e);
                }
            }
        }
        return out;
    }
}
