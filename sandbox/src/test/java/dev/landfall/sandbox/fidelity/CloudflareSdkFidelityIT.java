package dev.landfall.sandbox.fidelity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.landfall.core.time.FakeClock;
import dev.landfall.sandbox.KvSeed;
import dev.landfall.sandbox.SandboxConfig;
import dev.landfall.sandbox.SandboxServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import okhttp3.RequestBody;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Cloudflare's official JavaScript SDK (npm {@code cloudflare}, the newest 4.x and 7.3.0 from
 * {@code test-peers/}) against the in-process sandbox, on loopback only: every KV call an
 * operator's tooling makes, token verify, scripts and settings, and the error class the SDK raises
 * for each refusal. SDK 4.x sends key names unencoded in the path, 7.x encodes them, so the two
 * reach different corners of the sandbox's routing (issue 22).
 *
 * <p>Each version runs its fixed list of calls once, against its own sandbox, and each test judges
 * some of the answers.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CloudflareSdkFidelityIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String LISTED = "sdk-listed";
    private static final String WRITES = "sdk-writes";
    private static final String EXPIRING = "sdk-expiring";
    private static final int LISTED_KEYS = 1_200; // > 1000, so the SDK must follow a cursor
    private static final String PREFIX = "sdk-prefix/";
    private static final int PREFIXED_KEYS = 150; // limit 100: two pages under the prefix
    private static final List<String> DECOYS = List.of("sdk-prefix", "sdk-prefix.", "sdk-prefiy/1");
    private static final String TEXT_KEY = "dir/sub/text";
    private static final String BINARY_KEY = "bin/value";
    private static final byte[] BINARY = {(byte) 0xff, 0, (byte) 0xfe, (byte) 0x80, '\r', '\n'};
    /** A stray '%': SDK 4.x sends it as is, so the path holds an escape that decodes to nothing. */
    private static final String BAD_ESCAPE_KEY = "100%zz";

    @TempDir
    static Path tempDir;

    private final Map<String, Run> runs = new HashMap<>();
    private final List<SandboxServer> servers = new ArrayList<>();
    private CloudflareSdkPeer peer;
    private String skipReason;

    /** One SDK version's answers and the sandbox it talked to. */
    private record Run(
            FakeClock clock,

            Map<String, JsonNode> answers,
            SandboxServer server,
            SandboxRest rest,
            String listed,
            String writes) {
        JsonNode ok(String name) {
            JsonNode line = answers.get(name);
            assertTrue(line != null && line.has("ok"), name + " should have succeeded: " + line);
            return line.get("ok");
        }

        JsonNode error(String name) {
            JsonNode line = answers.get(name);
            assertTrue(line != null && line.has("error"), name + " should have failed: " + line);
            return line.get("error");
        }
    }

    @BeforeAll
    void locate() {
        Optional<CloudflareSdkPeer> located = CloudflareSdkPeer.locate();
        if (located.isEmpty()) {
            String message = "node, or the cloudflare SDK under test-peers/node_modules, is missing: run"
                    + " `npm ci --prefix test-peers` in the repository root";
            if ("1".equals(System.getenv("LANDFALL_IT_REQUIRED"))) {
                fail(message);
            }
            skipReason = message + "; skipping (set LANDFALL_IT_REQUIRED=1 to fail instead)";
            System.err.println("CloudflareSdkFidelityIT: " + skipReason);
            return;
        }
        peer = located.get();
    }

    @AfterAll
    void stop() {
        servers.forEach(SandboxServer::close);
    }

    private Run run(String module) {
        Assumptions.assumeTrue(skipReason == null, skipReason);
        return runs.computeIfAbsent(module, m -> {
            try {
                return start(m);
            } catch (IOException e) {
                throw new AssertionError(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        });
    }

    private Run start(String module) throws IOException, InterruptedException {
        SandboxConfig.Builder config = SandboxConfig.builder()
                .addSeedKv(KvSeed.parse(LISTED + "=" + LISTED_KEYS + ":32"))
                .addSeedKv(KvSeed.parse(WRITES + "=10:16"));
        for (int i = 0; i < 7; i++) {
            config.addSeedKv(KvSeed.parse("sdk-extra-" + i + "=1:8"));
        }
        // Its own clock per version: it moves only when this run says, so TTLs are exact.
        FakeClock clock = new FakeClock(Instant.ofEpochSecond(1_800_000_000L));
        SandboxServer server = SandboxServer.start(config.build(), clock);
        servers.add(server);
        SandboxRest rest = new SandboxRest(server.baseUrl(), server.token(), server.accountId());
        String listed = namespaceId(rest, LISTED);
        String writes = namespaceId(rest, WRITES);
        ArrayNode items = JSON.createArrayNode();
        IntStream.range(0, PREFIXED_KEYS).forEach(i -> items.add(item(PREFIX + String.format("%04d", i), "p" + i)));
        DECOYS.forEach(k -> items.add(item(k, "decoy")));
        items.add(item(TEXT_KEY, "text behind a slash"));
        rest.bulkPut(listed, items.toString());
        ObjectNode binary = item(BINARY_KEY, Base64.getEncoder().encodeToString(BINARY));
        binary.put("base64", true);
        rest.bulkPut(writes, JSON.createArrayNode().add(binary).toString());

        // Ten keys that expire first in byte order, then ten that stay: once the first ten have
        // expired, the first page of ten is empty and still has a cursor.
        SandboxRest.Reply made = rest.send(
                "POST",
                rest.accountUrl("storage/kv/namespaces"),
                RequestBody.create("{\"title\":\"" + EXPIRING + "\"}", SandboxRest.JSON_TYPE));
        assertEquals(200, made.status(), made.text());
        String expiring = made.json().path("result").path("id").asText();
        ArrayNode pages = JSON.createArrayNode();
        for (int i = 0; i < 10; i++) {
            pages.add(item("a/" + i, "gone soon").put("expiration_ttl", 60));
            pages.add(item("b/" + i, "stays"));
        }
        rest.bulkPut(expiring, pages.toString());
        clock.advance(Duration.ofSeconds(61));

        ObjectNode plan = JSON.createObjectNode()
                .put("module", module)
                .put("baseURL", server.baseUrl())
                .put("token", server.token())
                .put("accountId", server.accountId())
                .put("prefix", PREFIX)
                .put("textKey", TEXT_KEY)
                .put("binaryKey", BINARY_KEY)
                .put("missingKey", "no/such/key")
                .put("badEscapeKey", BAD_ESCAPE_KEY)
                .put("script", firstScript(rest));
        plan.putObject("namespaces").put("listed", listed).put("writes", writes).put("expiring", expiring);
        Path home = Files.createDirectories(tempDir.resolve(module));
        return new Run(clock, peer.run(plan, home), server, rest, listed, writes);
    }

    // ---- namespaces -------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"cloudflare-v4", "cloudflare-v7"})
    void namespaceListAutoPaginatesAcrossPagesOfFive(String sdk) {
        Run r = run(sdk);
        List<String> titles = new ArrayList<>();
        r.ok("namespaces.list").forEach(t -> titles.add(t.asText()));
        // The list ran before the create; the account's namespaces then, by title.
        List<String> expected = new ArrayList<>(List.of(LISTED, WRITES, EXPIRING));
        IntStream.range(0, 7).forEach(i -> expected.add("sdk-extra-" + i));
        expected.sort(null);
        assertEquals(expected, titles);
    }

    @ParameterizedTest
    @ValueSource(strings = {"cloudflare-v4", "cloudflare-v7"})
    void namespaceCreateRenameDeleteAnswerTheNamespace(String sdk) {
        Run r = run(sdk);
        JsonNode created = r.ok("namespaces.create");
        String id = created.path("id").asText();
        assertEquals(32, id.length(), created.toString());
        assertEquals("sdk-created", created.path("title").asText());
        JsonNode renamed = r.ok("namespaces.rename");
        assertEquals(id, renamed.path("id").asText(), "the renamed namespace, not {}: " + renamed);
        assertEquals("sdk-renamed", renamed.path("title").asText());
        assertEquals("sdk-renamed", r.ok("namespaces.get").path("title").asText());
        r.ok("namespaces.delete");
        assertSdkError(r.error("namespaces.get deleted"), "NotFoundError", 404, 10013);
    }

    // ---- keys -------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"cloudflare-v4", "cloudflare-v7"})
    void keyListFollowsCursorsWithAndWithoutAPrefix(String sdk) {
        Run r = run(sdk);
        assertEquals(
                r.rest().listKeys(r.listed(), null).size(), r.ok("keys.list").asInt());
        List<String> names = new ArrayList<>();
        r.ok("keys.list prefix").forEach(n -> names.add(n.asText()));
        List<String> expected = IntStream.range(0, PREFIXED_KEYS)
                .mapToObj(i -> PREFIX + String.format("%04d", i))
                .toList();
        assertEquals(expected, names, "every prefixed key, in order, over two pages, no decoys");
    }

    /**
     * Not a sandbox fault: Cloudflare documents that a page may be empty while a cursor follows,
     * and both SDK versions end auto-pagination at the first empty page (docs/sandbox.md).
     */
    @ParameterizedTest
    @ValueSource(strings = {"cloudflare-v4", "cloudflare-v7"})
    void theSdkStopsAtAnEmptyPageThatStillHasACursor(String sdk) {
        Run r = run(sdk);
        assertEquals(
                10, r.rest().listKeys(namespaceId(r.rest(), EXPIRING), null).size(), "ten keys remain");
        assertEquals(0, r.ok("keys.list after an empty page").asInt(), "the SDK saw none of them");
    }

    @ParameterizedTest
    @ValueSource(strings = {"cloudflare-v4", "cloudflare-v7"})
    void valuesReadAsTextAndBytesEvenWithASlashInTheKey(String sdk) {
        Run r = run(sdk);
        // SDK 4.x sends dir/sub/text unencoded: the rest of the path is the key, as on Cloudflare.
        assertEquals("text behind a slash", r.ok("values.get text").asText());
        assertEquals(
                Base64.getEncoder().encodeToString(BINARY),
                r.ok("values.get binary").asText());
        assertSdkError(r.error("values.get missing"), "NotFoundError", 404, 10009);
    }

    @ParameterizedTest
    @ValueSource(strings = {"cloudflare-v4", "cloudflare-v7"})
    void valueUpdateStoresMetadataAndTtlThenDeleteRemovesIt(String sdk) {
        Run r = run(sdk);
        r.ok("values.update");
        assertEquals("put by the sdk", r.ok("values.get updated").asText());
        r.ok("values.delete");
        assertSdkError(r.error("values.get deleted"), "NotFoundError", 404, 10009);
        assertTrue(r.rest().stored(r.writes(), "sdk/put").isEmpty());

        r.ok("values.update kept");
        SandboxRest.Stored kept = r.rest().stored(r.writes(), "sdk/kept").orElseThrow();
        assertEquals("kept", new String(kept.value(), StandardCharsets.UTF_8));
        assertEquals("{\"by\":\"sdk\"}", kept.metadata().orElseThrow().toString());
        assertEquals(
                r.clock().instant().getEpochSecond() + 600,
                kept.expiration().orElseThrow(),
                "the TTL from the sandbox's clock");
    }

    @ParameterizedTest
    @ValueSource(strings = {"cloudflare-v4", "cloudflare-v7"})
    void bulkWriteGetAndDelete(String sdk) {
        Run r = run(sdk);
        JsonNode written = r.ok("bulk.update");
        assertEquals(2, written.path("successful_key_count").asInt(), written.toString());
        JsonNode values = r.ok("bulk.get").path("values");
        assertEquals("one", values.path("sdk/bulk/1").path("value").asText(), values.toString());
        assertEquals(1, values.path("sdk/bulk/1").path("metadata").path("n").asInt(), values.toString());
        assertTrue(values.path("sdk/bulk/none").isNull(), values.toString());
        assertEquals(2, r.ok("bulk.delete").path("successful_key_count").asInt());
        assertTrue(r.ok("bulk.get deleted").path("values").path("sdk/bulk/1").isNull());
    }

    @ParameterizedTest
    @ValueSource(strings = {"cloudflare-v4", "cloudflare-v7"})
    void tokenVerifyScriptsAndSettings(String sdk) {
        Run r = run(sdk);
        assertEquals("active", r.ok("tokens.verify").path("status").asText());
        JsonNode scripts = r.ok("scripts.list");
        assertTrue(scripts.size() > 0, scripts.toString());
        JsonNode settings = r.ok("scripts.settings");
        assertTrue(settings.path("bindings").isArray(), settings.toString());
    }

    // ---- refusals, as the SDK classes them ----------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"cloudflare-v4", "cloudflare-v7"})
    void noTokenIsABadRequestWithCode9106(String sdk) {
        assertSdkError(run(sdk).error("no token"), "BadRequestError", 400, 9106);
    }

    @ParameterizedTest
    @ValueSource(strings = {"cloudflare-v4", "cloudflare-v7"})
    void aMalformedTokenIs6003WithA6111InTheChain(String sdk) {
        JsonNode e = run(sdk).error("malformed token");
        assertSdkError(e, "BadRequestError", 400, 6003);
        assertEquals(
                6111,
                e.path("errors")
                        .path(0)
                        .path("error_chain")
                        .path(0)
                        .path("code")
                        .asInt(),
                e.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"cloudflare-v4", "cloudflare-v7"})
    void aWellFormedWrongTokenIs401Code1000(String sdk) {
        assertSdkError(run(sdk).error("wrong token"), "AuthenticationError", 401, 1000);
    }

    @ParameterizedTest
    @ValueSource(strings = {"cloudflare-v4", "cloudflare-v7"})
    void unknownNamespaceAndForeignAccount(String sdk) {
        Run r = run(sdk);
        assertSdkError(r.error("unknown namespace"), "NotFoundError", 404, 10013);
        assertSdkError(r.error("foreign account"), "PermissionDeniedError", 403, 10000);
    }

    @ParameterizedTest
    @ValueSource(strings = {"cloudflare-v4", "cloudflare-v7"})
    void aStrayPercentInAKeyPathGetsAJsonEnvelope(String sdk) {
        JsonNode e = run(sdk).error("values.get bad escape");
        if (sdk.equals("cloudflare-v7")) {
            // 7.x encodes the key: '%' travels as %25, and 100%zz is simply not there.
            assertSdkError(e, "NotFoundError", 404, 10009);
        } else {
            // A JSON envelope, not a page: the SDK parses its errors. 7003 is Cloudflare's bad-path code.
            assertSdkError(e, "BadRequestError", 400, 7003);
        }
    }

    private static void assertSdkError(JsonNode e, String sdkClass, int status, int code) {
        assertEquals(sdkClass, e.path("class").asText(), e.toString());
        assertEquals(status, e.path("status").asInt(), e.toString());
        assertEquals(code, e.path("errors").path(0).path("code").asInt(), e.toString());
    }

    private static String namespaceId(SandboxRest rest, String title) {
        return rest.listNamespaces().stream()
                .filter(ns -> ns.path("title").asText().equals(title))
                .map(ns -> ns.path("id").asText())
                .findFirst()
                .orElseThrow(() -> new AssertionError("seeded namespace " + title + " not listed"));
    }

    private static String firstScript(SandboxRest rest) {
        JsonNode scripts = rest.get(rest.accountUrl("workers/scripts")).json().path("result");
        assertFalse(scripts.isEmpty(), "the sandbox seeds a script: " + scripts);
        return scripts.path(0).path("id").asText();
    }

    private static ObjectNode item(String key, String value) {
        return JSON.createObjectNode().put("key", key).put("value", value);
    }
}
