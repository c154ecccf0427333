package dev.landfall.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.landfall.cloudflare.worker.MiniflarePeer;
import dev.landfall.core.model.Key;
import dev.landfall.sandbox.RateLimit;
import dev.landfall.sandbox.SandboxConfig;
import dev.landfall.sandbox.SandboxServer;
import dev.landfall.sandbox.internal.KvItem;
import dev.landfall.sandbox.internal.KvNamespaceState;
import dev.landfall.sandbox.internal.KvValue;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * KV metadata is the same bytes in the bundle whether {@code landfall export} reads it over the
 * REST API (the sandbox) or through the real export Worker in workerd ({@code --via worker}): the
 * same namespace, with the same metadata texts, is held by both, once as the text Cloudflare
 * returns and once as an application's {@code put} stores it (parsed). Both bundles must hold
 * JavaScript's form of each text, {@code JSON.stringify(JSON.parse(text))} (bundle-format.md).
 */
class ViaWorkerMetadataIT {
    private static final String SECRET = "it-via-worker-secret-0123456789abcdef0123456789";

    /**
     * Metadata text as stored, and the bytes both bundles must hold: what node prints for {@code
     * JSON.stringify(JSON.parse(text))}, with the bundle writer's escapes where noted.
     */
    private static final Map<String, String[]> CASES = new LinkedHashMap<>();

    static {
        CASES.put("m:brief", new String[] {
            "{\"b\":1,\"a\":1.50,\"c\":\"\\u00e9\",\"d\":1e2}", "{\"b\":1,\"a\":1.5,\"c\":\"é\",\"d\":100}"
        });
        CASES.put("m:index-names", new String[] {
            "{\"b\":1,\"2\":\"x\",\"1\":\"y\",\"01\":\"z\"}", "{\"1\":\"y\",\"2\":\"x\",\"b\":1,\"01\":\"z\"}"
        });
        CASES.put("m:already-js", new String[] {
            // the bundle writer escapes characters beyond U+FFFF as surrogate pairs (bundle-format.md)
            "{\"v\":1,\"tags\":[\"a\"],\"s\":\"é 😀\"}", "{\"v\":1,\"tags\":[\"a\"],\"s\":\"é \\uD83D\\uDE00\"}"
        });
        CASES.put("m:whitespace", new String[] {"{ \"a\" : [ 1 , 2 ] ,\n \"b\":{} }", "{\"a\":[1,2],\"b\":{}}"});
        CASES.put("m:numbers", new String[] {
            "[1e21,1e-7,0.1,-0.0,123456789012345678901234567890,5e-324,0.000001,123e-20,2e23,-12.50e+3]",
            "[1e+21,1e-7,0.1,0,1.2345678901234568e+29,5e-324,0.000001,1.23e-18,2e+23,-12500]"
        });
        CASES.put("m:escapes", new String[] {
            // JSON.stringify writes \u001f and U+2028 and DEL raw; the bundle writer escapes controls in
            // upper case, and U+2028 and DEL too, so nothing in a part acts on a terminal (json.md)
            "{\"c\":\"\\u001f\\/\\u2028\\b\\u007f\"}", "{\"c\":\"\\u001F/\\u2028\\b\\u007F\"}"
        });
        CASES.put("m:twice", new String[] {"{\"a\":1,\"b\":2,\"a\":3}", "{\"a\":3,\"b\":2}"});
        CASES.put("m:string", new String[] {"\"text\"", "\"text\""});
    }

    @TempDir
    static Path dir;

    private static MiniflarePeer peer;
    private static SandboxServer sandbox;
    private static String skipReason;
    private static CliRun viaRest;
    private static CliRun viaWorker;

    @BeforeAll
    static void exportBothWays() throws IOException {
        Optional<Path> peers = MiniflarePeer.locateForTests();
        if (peers.isEmpty()) {
            skipReason = "miniflare is not installed; skipping (set LANDFALL_IT_REQUIRED=1 to fail instead)";
            return;
        }
        peer = MiniflarePeer.start(peers.get(), Files.createDirectories(dir.resolve("workerd")), SECRET);
        sandbox = SandboxServer.start(
                SandboxConfig.builder().rateLimit(RateLimit.UNLIMITED).build());
        // The Worker binds the namespace as CACHE; --via worker finds it by that title.
        KvNamespaceState ns = sandbox.kvStore().create(MiniflarePeer.KV);
        for (Map.Entry<String, String[]> c : CASES.entrySet()) {
            String text = c.getValue()[0];
            ns.put(new KvItem(Key.of(c.getKey()), KvValue.of(bytes("v")), text, null));
            peer.testRoute("test/put-kv?key=" + query(c.getKey()) + "&value=v&metadata=" + query(text));
        }
        Map<String, String> env = new HashMap<>(sandbox.environment());
        env.remove("LANDFALL_EXPORT_WORKER_URL");
        viaRest = CliRun.run(env, "export", "--kv", MiniflarePeer.KV, "--to", "bundle:" + dir.resolve("rest"));
        env.put("LANDFALL_EXPORT_SECRET", SECRET);
        viaWorker = CliRun.run(
                env,
                "export",
                "--kv",
                MiniflarePeer.KV,
                "--via",
                "worker",
                "--export-worker",
                peer.url(),
                "--to",
                "bundle:" + dir.resolve("worker"));
    }

    @AfterAll
    static void stop() throws IOException {
        if (sandbox != null) {
            sandbox.close();
        }
        if (peer != null) {
            peer.close();
        }
    }

    @Test
    void bothPathsWriteTheSameBytesTheJavaScriptFormOfEachMetadataText() throws IOException {
        Assumptions.assumeTrue(skipReason == null, skipReason);
        assertEquals(0, viaRest.exitCode(), viaRest.err());
        assertEquals(0, viaWorker.exitCode(), viaWorker.err());
        List<String> rest = lines(dir.resolve("rest"));
        List<String> worker = lines(dir.resolve("worker"));
        Map<String, String> expected = new LinkedHashMap<>();
        CASES.forEach((key, c) -> expected.put(key, c[1]));
        assertEquals(expected, metadataByKey(rest), "over REST");
        assertEquals(expected, metadataByKey(worker), "through the Worker");
        assertEquals(rest, worker, "the part files hold the same lines");
    }

    /** Every line of every part of the bundle, in order. */
    private static List<String> lines(Path bundle) throws IOException {
        List<String> out = new ArrayList<>();
        List<Path> parts;
        try (Stream<Path> files = Files.walk(bundle.resolve("scopes"))) {
            parts = files.filter(p -> p.getFileName().toString().endsWith(".ndjson.gz"))
                    .sorted()
                    .toList();
        }
        for (Path part : parts) {
            try (InputStream in = new GZIPInputStream(Files.newInputStream(part))) {
                ByteArrayOutputStream all = new ByteArrayOutputStream();
                in.transferTo(all);
                out.addAll(List.of(all.toString(StandardCharsets.UTF_8).split("\n")));
            }
        }
        return out;
    }

    /** The metadata text of each line (its last member, as the bundle writes it). */
    private static Map<String, String> metadataByKey(List<String> lines) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : lines) {
            String key = line.substring("{\"key\":\"".length(), line.indexOf("\",\"value\""));
            int at = line.indexOf(",\"metadata\":");
            out.put(key, at < 0 ? null : line.substring(at + ",\"metadata\":".length(), line.length() - 1));
        }
        Map<String, String> inCaseOrder = new LinkedHashMap<>();
        CASES.keySet().forEach(k -> inCaseOrder.put(k, out.get(k)));
        return inCaseOrder;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String query(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
