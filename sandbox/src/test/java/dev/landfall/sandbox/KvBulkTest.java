package dev.landfall.sandbox;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.landfall.core.time.FakeClock;
import java.io.IOException;
import java.util.ArrayList;
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
        server = SandboxServer.start(SandboxConfig.defaults().withRateLimit(RateLimit.UNLIMITED), clock);
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
                + "{\"key\":\"bad:ttl\",\"value\":\"x\",\"expiration_ttl\":5},"
                + "{\"key\":\"bad:b64\",\"value\":\"***\",\"base64\":true},"
                + "{\"key\":\"bad:value\",\"value\":42},"
                + "{\"key\":\"..\",\"value\":\"dots\"},"
                + "{\"key\":\"" + "k".repeat(513) + "\",\"value\":\"long\"}]";
        Api.Reply r = api.putJson(api.ns(ns, "/bulk"), body);
        assertEquals(200, r.status(), r.text());
        JsonNode result = r.json().path("result");
        assertEquals(4, result.path("successful_key_count").asInt());
        List<String> bad = new ArrayList<>();
        result.path("unsuccessful_keys").forEach(n -> bad.add(n.asText()));
        assertEquals(List.of("bad:ttl", "bad:b64", "bad:value", "..", "k".repeat(513)), bad);

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
                List.of("bulk:a", "bulk:b", "bulk:c", "bulk:d"),
                KvKeysTest.names(api.get(api.ns(ns, "/keys")).json()));
    }

    @Test
    void bulkWriteShapeErrors() throws IOException {
        assertEquals(400, api.putJson(api.ns(ns, "/bulk"), "{\"key\":\"a\"}").status());
        assertEquals(
                400,
                api.putJson(api.ns(ns, "/bulk"), "[{\"value\":\"no key\"}]").status());
        assertEquals(400, api.putJson(api.ns(ns, "/bulk"), "[").status());
        StringBuilder many = new StringBuilder("[");
        for (int i = 0; i <= 10_000; i++) {
            many.append(i == 0 ? "" : ",").append("{\"key\":\"k").append(i).append("\",\"value\":\"v\"}");
        }
        Api.Reply r = api.putJson(api.ns(ns, "/bulk"), many.append("]").toString());
        assertEquals(400, r.status());
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

        Api.Reply del = api.deleteJson(api.ns(ns, "/bulk"), "[\"c\",\".\"]");
        assertEquals(200, del.status());
        assertEquals(1, del.json().path("result").path("successful_key_count").asInt());
        assertEquals(
                ".", del.json().path("result").path("unsuccessful_keys").path(0).asText());
        assertEquals(List.of("d"), KvKeysTest.names(api.get(api.ns(ns, "/keys")).json()));
        assertEquals(400, api.postJson(api.ns(ns, "/bulk/delete"), "[1,2]").status());
        assertEquals(
                400, api.postJson(api.ns(ns, "/bulk/delete"), "{\"keys\":[]}").status());
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
