package dev.landfall.sandbox;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.landfall.core.time.FakeClock;
import java.io.IOException;
import java.util.List;
import okhttp3.RequestBody;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class KvBulkTest {
    private final FakeClock clock = new FakeClock();
    private SandboxServer server;
    private Api api;
    private String ns;

    @BeforeEach
    void start() throws IOException {
        server = SandboxServer.start(
                SandboxConfig.builder().rateLimit(RateLimit.UNLIMITED).build(), clock);
        api = new Api(server);
        ns = api.createNamespace("BULK");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void bulkWriteWithBase64MetadataAndExpirations() throws IOException {
        long now = clock.instant().getEpochSecond();
        String body = "[{\"key\":\"bulk:a\",\"value\":\"plain text\"},"
                + "{\"key\":\"bulk:b\",\"value\":\"AAEC/w==\",\"base64\":true},"
                + "{\"key\":\"bulk:c\",\"value\":\"{\\\"x\\\":1}\",\"metadata\":{\"m\":\"meta-c\"},\"expiration_ttl\":3600},"
                + "{\"key\":\"bulk:d\",\"value\":\"expires\",\"expiration\":" + (now + 7200) + "},"
                + "{\"key\":\"bulk:e\",\"value\":\"edge\",\"expiration\":" + (now + 60) + ",\"base64\":false}]";
        Api.Reply r = api.putJson(api.ns(ns, "/bulk"), body);
        assertEquals(200, r.status(), r.text());
        JsonNode result = r.json().path("result");
        assertEquals(5, result.path("successful_key_count").asInt());
        assertEquals(0, result.path("unsuccessful_keys").size());

        assertEquals("plain text", api.get(api.ns(ns, "/values/bulk%3Aa")).text());
        assertArrayEquals(
                new byte[] {0, 1, 2, (byte) 0xFF},
                api.get(api.ns(ns, "/values/bulk%3Ab")).body());
        Api.Reply c = api.get(api.ns(ns, "/values/bulk%3Ac"));
        assertEquals("{\"x\":1}", c.text());
        assertEquals(String.valueOf(now + 3600), c.header("expiration"));
        assertEquals(
                "meta-c",
                api.get(api.ns(ns, "/metadata/bulk%3Ac"))
                        .json()
                        .path("result")
                        .path("m")
                        .asText());
        assertEquals(
                String.valueOf(now + 7200),
                api.get(api.ns(ns, "/values/bulk%3Ad")).header("expiration"));
        assertEquals(
                List.of("bulk:a", "bulk:b", "bulk:c", "bulk:d", "bulk:e"),
                KvKeysTest.names(api.get(api.ns(ns, "/keys")).json()));
    }

    /** One invalid item beside a valid one, the code and the phrase its 400 must carry. */
    private record BadItem(String item, int code, String phrase) {}

    private List<BadItem> badItems() {
        long now = clock.instant().getEpochSecond();
        return List.of(
                new BadItem(
                        "{\"key\":\"x\",\"value\":\"v\",\"expiration\":" + (now + 59) + "}",
                        10033,
                        "Expiration times must be at least 60 seconds in the future."),
                new BadItem(
                        "{\"key\":\"x\",\"value\":\"v\",\"expiration\":" + (now - 1) + "}",
                        10033,
                        "Please specify integer greater than the current number of seconds since the UNIX epoch."),
                new BadItem(
                        "{\"key\":\"x\",\"value\":\"v\",\"expiration_ttl\":59}",
                        10033,
                        "Invalid expiration_ttl of 59. Expiration TTL must be at least 60."),
                new BadItem(
                        "{\"key\":\"" + "k".repeat(513) + "\",\"value\":\"v\"}",
                        10020,
                        "UTF-8 encoded length of 513 exceeds key length limit of 512."),
                new BadItem(
                        "{\"key\":\"x\",\"value\":\"v\",\"metadata\":{\"m\":\"" + "m".repeat(1017) + "\"}}",
                        10011,
                        "Metadata length of 1025 exceeds limit of 1024."),
                new BadItem("{\"key\":\"x\",\"value\":\"***\",\"base64\":true}", 10028, "\"value\" is not base64"),
                new BadItem(
                        "{\"key\":\"x\",\"value\":\"v\",\"base64\":\"yes\"}",
                        10028,
                        "Invalid \"base64\": \"yes\" is not true or false."),
                new BadItem("{\"key\":\".\",\"value\":\"v\"}", 10020, "Illegal key name \".\""),
                new BadItem("{\"key\":\"..\",\"value\":\"v\"}", 10020, "Illegal key name \"..\""),
                new BadItem("{\"key\":\"\",\"value\":\"v\"}", 10020, "Key names must not be empty"),
                new BadItem("{\"key\":\"x\",\"value\":42}", 10028, "\"value\" must be a string."),
                new BadItem("{\"value\":\"no key\"}", 10028, "it has no string \"key\"."),
                new BadItem("\"just a string\"", 10028, "it has no string \"key\"."));
    }

    @Test
    void bulkWriteWithAnyInvalidItemIsRefusedWholeWithItsCode() throws IOException {
        for (BadItem bad : badItems()) {
            String body = "[{\"key\":\"good\",\"value\":\"kept out\"}," + bad.item() + "]";
            Api.Reply r = api.putJson(api.ns(ns, "/bulk"), body);
            assertEquals(400, r.status(), bad.phrase() + ": " + r.text());
            assertFalse(r.json().path("success").asBoolean());
            JsonNode error = r.json().path("errors").path(0);
            assertEquals(bad.code(), error.path("code").asInt(), r.text());
            String message = error.path("message").asText();
            assertTrue(message.startsWith("bulk put: item 1: "), message);
            assertTrue(message.contains(bad.phrase()), message);
            assertEquals(1, r.json().path("errors").size(), r.text());
        }
        assertTrue(api.get(api.ns(ns, "/keys")).json().path("result").isEmpty(), "nothing written, not even \"good\"");
    }

    @Test
    void bulkWriteListsTenProblemsAndCountsTheRest() throws IOException {
        StringBuilder body = new StringBuilder("[");
        for (int i = 0; i < 25; i++) {
            body.append(i == 0 ? "" : ",")
                    .append("{\"key\":\"k")
                    .append(i)
                    .append("\",\"value\":\"v\",\"expiration_ttl\":1}");
        }
        Api.Reply r = api.putJson(api.ns(ns, "/bulk"), body.append("]").toString());
        assertEquals(400, r.status());
        JsonNode errors = r.json().path("errors");
        assertEquals(11, errors.size(), r.text());
        assertEquals(
                "bulk put: item 9: Invalid expiration_ttl of 1. Expiration TTL must be at least 60.",
                errors.path(9).path("message").asText());
        assertEquals(
                "bulk put: 15 more invalid items not listed; nothing was written",
                errors.path(10).path("message").asText());
    }

    @Test
    void bulkWriteShapeErrors() throws IOException {
        assertEquals(400, api.putJson(api.ns(ns, "/bulk"), "{\"key\":\"a\"}").status());
        assertEquals(400, api.putJson(api.ns(ns, "/bulk"), "[").status());
        StringBuilder many = new StringBuilder("[");
        for (int i = 0; i <= 10_000; i++) {
            many.append(i == 0 ? "" : ",").append("{\"key\":\"k").append(i).append("\",\"value\":\"v\"}");
        }
        Api.Reply r = api.putJson(api.ns(ns, "/bulk"), many.append("]").toString());
        assertEquals(400, r.status());
        assertEquals(10012, r.errorCode(), "Cloudflare's code for too many pairs");
        assertEquals(
                "bulk put: 'received 10001 key/value pairs, but max allowed per request is: 10000'",
                r.json().path("errors").path(0).path("message").asText());
        assertTrue(api.get(api.ns(ns, "/keys")).json().path("result").isEmpty(), "nothing written");
    }

    @Test
    void bulkDeleteBothForms() throws IOException {
        api.putJson(
                api.ns(ns, "/bulk"),
                "[{\"key\":\"a\",\"value\":\"1\"},{\"key\":\"b\",\"value\":\"2\"},{\"key\":\"c\",\"value\":\"3\"},{\"key\":\"d\",\"value\":\"4\"}]");
        Api.Reply post = api.postJson(api.ns(ns, "/bulk/delete"), "[\"a\",\"b\",\"missing\"]");
        assertEquals(200, post.status());
        assertEquals(3, post.json().path("result").path("successful_key_count").asInt());
        assertEquals(
                List.of("c", "d"), KvKeysTest.names(api.get(api.ns(ns, "/keys")).json()));

        Api.Reply refused = api.deleteJson(api.ns(ns, "/bulk"), "[\"c\",\".\"]");
        assertEquals(400, refused.status());
        assertEquals(
                "bulk delete: item 1: Illegal key name \".\". Please use a different name.",
                refused.json().path("errors").path(0).path("message").asText());
        assertEquals(
                List.of("c", "d"), KvKeysTest.names(api.get(api.ns(ns, "/keys")).json()), "nothing deleted");

        Api.Reply del = api.deleteJson(api.ns(ns, "/bulk"), "[\"c\"]");
        assertEquals(200, del.status());
        assertEquals(1, del.json().path("result").path("successful_key_count").asInt());
        assertEquals(List.of("d"), KvKeysTest.names(api.get(api.ns(ns, "/keys")).json()));
        assertEquals(400, api.postJson(api.ns(ns, "/bulk/delete"), "[1,2]").status());
        assertEquals(
                400, api.postJson(api.ns(ns, "/bulk/delete"), "{\"keys\":[]}").status());
        StringBuilder many = new StringBuilder("[");
        for (int i = 0; i <= 10_000; i++) {
            many.append(i == 0 ? "" : ",").append("\"k").append(i).append('"');
        }
        Api.Reply tooMany =
                api.postJson(api.ns(ns, "/bulk/delete"), many.append("]").toString());
        assertEquals(10012, tooMany.errorCode(), tooMany.text());
        assertEquals(
                "bulk delete: 'received 10001 keys, but max allowed per request is: 10000'",
                tooMany.json().path("errors").path(0).path("message").asText());
    }

    @Test
    void bulkGetValuesMissingAndMetadata() throws IOException {
        long now = clock.instant().getEpochSecond();
        api.putJson(
                api.ns(ns, "/bulk"),
                "[{\"key\":\"t\",\"value\":\"text\"},"
                        + "{\"key\":\"j\",\"value\":\"{\\\"n\\\":1.50,\\\"s\\\":[1,2]}\",\"metadata\":{\"m\":1},\"expiration_ttl\":120}]");
        JsonNode plain = api.postJson(api.ns(ns, "/bulk/get"), "{\"keys\":[\"t\",\"j\",\"missing-key\"]}")
                .json();
        assertTrue(plain.path("success").asBoolean());
        JsonNode values = plain.path("result").path("values");
        assertEquals("text", values.path("t").asText());
        assertEquals("{\"n\":1.50,\"s\":[1,2]}", values.path("j").asText());
        assertTrue(values.has("missing-key") && values.path("missing-key").isNull());

        JsonNode meta = api.postJson(api.ns(ns, "/bulk/get"), "{\"keys\":[\"t\",\"j\",\"nope\"],\"withMetadata\":true}")
                .json()
                .path("result")
                .path("values");
        assertEquals("text", meta.path("t").path("value").asText());
        assertTrue(meta.path("t").path("metadata").isNull());
        assertFalse(meta.path("t").has("expiration"));
        assertEquals(1, meta.path("j").path("metadata").path("m").asInt());
        assertEquals(now + 120, meta.path("j").path("expiration").asLong());
        assertTrue(meta.path("nope").isNull());

        Api.Reply json = api.postJson(api.ns(ns, "/bulk/get"), "{\"keys\":[\"j\"],\"type\":\"json\"}");
        assertEquals(200, json.status());
        assertTrue(json.text().contains("\"j\":{\"n\":1.50,\"s\":[1,2]}"), json.text());
        Api.Reply notJson = api.postJson(api.ns(ns, "/bulk/get"), "{\"keys\":[\"t\",\"j\"],\"type\":\"json\"}");
        assertEquals(400, notJson.status());
        assertEquals(
                "At least one of the requested keys corresponds to a non-json value",
                notJson.json().path("errors").path(0).path("message").asText());
        assertEquals(
                400,
                api.postJson(api.ns(ns, "/bulk/get"), "{\"keys\":[\"t\"],\"type\":\"arrayBuffer\"}")
                        .status());
        assertEquals(
                400,
                api.postJson(api.ns(ns, "/bulk/get"), "{\"keys\":[\"t\"],\"type\":5}")
                        .status());
    }

    @Test
    void bulkGetRefusesWithMetadataThatIsNotABoolean() throws IOException {
        for (String value : List.of("\"yes\"", "\"true\"", "1", "{}")) {
            Api.Reply r = api.postJson(api.ns(ns, "/bulk/get"), "{\"keys\":[\"t\"],\"withMetadata\":" + value + "}");
            assertEquals(400, r.status(), value);
            assertEquals(10028, r.errorCode());
            assertEquals(
                    "Invalid \"withMetadata\": " + value + " is not true or false.",
                    r.json().path("errors").path(0).path("message").asText());
        }
        assertEquals(
                200,
                api.postJson(api.ns(ns, "/bulk/get"), "{\"keys\":[\"t\"],\"withMetadata\":null}")
                        .status());
    }

    @Test
    void bulkGetTextDecodesInvalidUtf8AsAWhatwgDecoder() throws IOException {
        // An encoded surrogate: three maximal subparts, three U+FFFD (the JDK's decoder writes one).
        putBytes("surrogate", new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80});
        // Unicode 15 Table 3-8, the WHATWG test for maximal-subpart replacement.
        putBytes("table", hex("61F18080E180C2628063 80BF64"));
        putBytes("truncated", new byte[] {'o', 'k', (byte) 0xF0, (byte) 0x9F, (byte) 0x98});
        putBytes("valid", "é ☕ 😀".getBytes(java.nio.charset.StandardCharsets.UTF_8));

        JsonNode values = api.postJson(
                        api.ns(ns, "/bulk/get"), "{\"keys\":[\"surrogate\",\"table\",\"truncated\",\"valid\"]}")
                .json()
                .path("result")
                .path("values");

        assertEquals("\uFFFD\uFFFD\uFFFD", values.path("surrogate").asText());
        assertEquals(
                "a\uFFFD\uFFFD\uFFFDb\uFFFDc\uFFFD\uFFFDd", values.path("table").asText());
        assertEquals("ok\uFFFD", values.path("truncated").asText());
        assertEquals("é ☕ 😀", values.path("valid").asText());
    }

    @Test
    void bulkGetTextRefusesInvalidUtf8WhenConfiguredTo() throws IOException {
        server.close();
        server = SandboxServer.start(
                SandboxConfig.builder()
                        .rateLimit(RateLimit.UNLIMITED)
                        .invalidUtf8(InvalidUtf8.ERROR)
                        .build(),
                clock);
        api = new Api(server);
        ns = api.createNamespace("STRICT");
        putBytes("surrogate", new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80});
        putBytes("valid", "é ☕ 😀".getBytes(java.nio.charset.StandardCharsets.UTF_8));

        Api.Reply refused = api.postJson(api.ns(ns, "/bulk/get"), "{\"keys\":[\"valid\",\"surrogate\"]}");
        assertEquals(400, refused.status());
        assertEquals(10028, refused.errorCode());
        assertEquals(
                "At least one of the requested keys corresponds to a value that is not valid UTF-8",
                refused.json().path("errors").path(0).path("message").asText());
        Api.Reply valid = api.postJson(api.ns(ns, "/bulk/get"), "{\"keys\":[\"valid\",\"missing\"]}");
        assertEquals(
                "é ☕ 😀",
                valid.json().path("result").path("values").path("valid").asText());
    }

    private void putBytes(String key, byte[] value) throws IOException {
        assertEquals(
                200,
                api.put(api.ns(ns, "/values/" + key), RequestBody.create(value, Api.OCTETS))
                        .status());
    }

    private static byte[] hex(String text) {
        return java.util.HexFormat.of().parseHex(text.replace(" ", ""));
    }

    @Test
    void bulkGetKeyCountLimits() throws IOException {
        assertEquals(400, api.postJson(api.ns(ns, "/bulk/get"), "{\"keys\":[]}").status());
        assertEquals(400, api.postJson(api.ns(ns, "/bulk/get"), "{}").status());
        StringBuilder keys = new StringBuilder();
        for (int i = 0; i < 101; i++) {
            keys.append(i == 0 ? "" : ",").append("\"k").append(i).append('"');
        }
        Api.Reply tooMany = api.postJson(api.ns(ns, "/bulk/get"), "{\"keys\":[" + keys + "]}");
        assertEquals(400, tooMany.status());
        assertEquals(
                "You can request a maximum of 100 keys",
                tooMany.json().path("errors").path(0).path("message").asText());
        String hundred = keys.substring(0, keys.lastIndexOf(","));
        assertEquals(
                200,
                api.postJson(api.ns(ns, "/bulk/get"), "{\"keys\":[" + hundred + "]}")
                        .status());
    }

    @Test
    void bulkGetOver25MiBIs413() throws IOException {
        byte[] twenty = new byte[20 * 1024 * 1024];
        byte[] six = new byte[6 * 1024 * 1024];
        java.util.Arrays.fill(twenty, (byte) 'a');
        java.util.Arrays.fill(six, (byte) 'b');
        assertEquals(
                200,
                api.put(api.ns(ns, "/values/twenty"), RequestBody.create(twenty, Api.OCTETS))
                        .status());
        assertEquals(
                200,
                api.put(api.ns(ns, "/values/six"), RequestBody.create(six, Api.OCTETS))
                        .status());
        assertEquals(
                200,
                api.postJson(api.ns(ns, "/bulk/get"), "{\"keys\":[\"twenty\"]}").status());
        Api.Reply r = api.postJson(api.ns(ns, "/bulk/get"), "{\"keys\":[\"twenty\",\"six\"]}");
        assertEquals(413, r.status());
        assertFalse(r.json().path("success").asBoolean());
    }
}
