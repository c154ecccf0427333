package dev.landfall.cli.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.landfall.core.time.FakeClock;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Workers KV semantics over Cloudflare's REST routes ({@code /client/v4/accounts/A/storage/kv/namespaces/…}),
 * written once and run against every implementation Landfall has: the sandbox's in-memory routes
 * and {@code landfall serve} over each store. The answers asserted are Cloudflare's
 * (shared/reference/cloudflare-api.md §2, the OpenAPI subset); where Cloudflare leaves a code
 * unsaid, the one docs/sandbox.md and docs/serve.md both document.
 *
 * <p>Time is the suite's own: every implementation runs on a {@link FakeClock} that only the test
 * moves, so "60 s ahead" and "has expired" are exact. Keys are sent as {@code encodeURIComponent}
 * sends them. What legitimately differs between implementations (how to start one, its auth
 * headers, how a namespace comes to exist) lives in {@link #start}, never in a case.
 */
public abstract class AbstractKvRestContractTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_VALUE_BYTES = 25 * 1024 * 1024;

    /**
     * Starts at the real time (whole seconds, as KV keeps expirations) so a store's own expiry
     * (Redis TTLs) agrees with it while a case runs; only the case moves it.
     */
    protected final FakeClock clock =
            new FakeClock(Instant.ofEpochSecond(Clock.systemUTC().instant().getEpochSecond()));

    private final HttpClient http = HttpClient.newHttpClient();
    private KvRestTarget target;

    /**
     * Starts the implementation on {@code clock} with one empty namespace titled {@code title}.
     * Called before each case; the target is closed after it.
     */
    protected abstract KvRestTarget start(Clock clock, String title) throws Exception;

    /**
     * Whether {@code result_info} of a key list carries {@code list_complete}. Cloudflare's REST
     * schema has only {@code count} and {@code cursor}, and the sandbox answers as it does; serve
     * adds it (documented in docs/serve.md) for clients that page as the binding does.
     */
    protected abstract boolean listsSayListComplete();

    @BeforeEach
    final void startTarget() throws Exception {
        target = start(clock, "CONFORMANCE");
    }

    @AfterEach
    final void stopTarget() throws Exception {
        if (target != null) {
            target.close();
        }
    }

    // ---- values

    @Test
    void aRawValueReadsBackByteForByteWithoutAnExpirationHeader() throws Exception {
        byte[] value = {0, (byte) 0xff, 10, 13, (byte) 0x80, 'x'};
        assertOk(put("bin", BodyPublishers.ofByteArray(value), "application/octet-stream", ""));

        HttpResponse<byte[]> got = get(values("bin"));
        assertThat(got.statusCode()).isEqualTo(200);
        assertThat(got.body()).containsExactly(value);
        assertThat(got.headers().firstValue("expiration")).isEmpty();
    }

    @Test
    void aWriteReplacesTheValueAndItsMetadata() throws Exception {
        assertOk(putMultipart("k", "first", "{\"v\":1}", "?expiration_ttl=600"));
        assertOk(put("k", BodyPublishers.ofString("second"), "application/octet-stream", ""));

        assertThat(text(get(values("k")))).isEqualTo("second");
        assertThat(get(values("k")).headers().firstValue("expiration")).isEmpty();
        assertThat(envelope(get(metadata("k"))).get("result").isNull()).isTrue();
    }

    @Test
    void multipartCarriesMetadataAndTtlCountsFromNow() throws Exception {
        assertOk(putMultipart("user:1", "Ω-value", "{\"owner\":\"ann\",\"n\":1.50}", "?expiration_ttl=3600"));

        HttpResponse<byte[]> got = get(values("user:1"));
        assertThat(text(got)).isEqualTo("Ω-value");
        assertThat(got.headers().firstValue("expiration")).hasValue(Long.toString(now() + 3600));
        JsonNode meta = envelope(get(metadata("user:1")));
        assertThat(meta.get("success").asBoolean()).isTrue();
        assertThat(meta.get("result").get("owner").asText()).isEqualTo("ann");
        assertThat(meta.get("result").get("n").decimalValue()).isEqualByComparingTo("1.5");

        JsonNode listed = list("").get("result").get(0);
        assertThat(listed.get("name").asText()).isEqualTo("user:1");
        assertThat(listed.get("expiration").asLong()).isEqualTo(now() + 3600);
        assertThat(listed.get("metadata").get("owner").asText()).isEqualTo("ann");
    }

    @Test
    void anAbsoluteExpirationIsKeptAsGiven() throws Exception {
        long at = now() + 120;
        assertOk(put("e", BodyPublishers.ofString("v"), "text/plain", "?expiration=" + at));
        assertThat(get(values("e")).headers().firstValue("expiration")).hasValue(Long.toString(at));
    }

    @Test
    void theTtlWinsOverAnExpirationGivenWithIt() throws Exception {
        assertOk(put(
                "both",
                BodyPublishers.ofString("v"),
                "text/plain",
                "?expiration=" + (now() + 9000) + "&expiration_ttl=300"));
        assertThat(get(values("both")).headers().firstValue("expiration")).hasValue(Long.toString(now() + 300));
    }

    @Test
    void anExpiredKeyIsInvisibleToEveryRead() throws Exception {
        assertOk(put("short", BodyPublishers.ofString("v"), "text/plain", "?expiration_ttl=60"));
        assertOk(put("long", BodyPublishers.ofString("v"), "text/plain", "?expiration_ttl=3600"));
        assertThat(get(values("short")).statusCode()).isEqualTo(200);

        clock.advance(Duration.ofSeconds(60));

        assertError(get(values("short")), 404, 10009);
        assertError(get(metadata("short")), 404, 10009);
        assertThat(names(list(""))).containsExactly("long");
    }

    @Test
    void metadataOfAKeyWithoutMetadataIsNull() throws Exception {
        assertOk(put("plain", BodyPublishers.ofString("v"), "text/plain", ""));
        JsonNode meta = envelope(get(metadata("plain")));
        assertThat(meta.get("success").asBoolean()).isTrue();
        assertThat(meta.get("result").isNull()).isTrue();
    }

    @Test
    void deleteRemovesTheKeyAndDeletingAMissingKeySucceeds() throws Exception {
        assertOk(put("gone", BodyPublishers.ofString("v"), "text/plain", ""));
        assertOk(send(request(values("gone")).DELETE()));

        assertError(get(values("gone")), 404, 10009);
        assertOk(send(request(values("never-was")).DELETE()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a/b/c", "with space", "1+1", "100%", "q?x=1&y", "ünïcödé/日本", "emoji😀", "#hash", "a%2Fb"})
    void keysWithReservedCharactersRoundTripExactly(String key) throws Exception {
        assertOk(putMultipart(key, "value of " + key, "{\"k\":" + JSON.writeValueAsString(key) + "}", ""));

        assertThat(text(get(values(key)))).isEqualTo("value of " + key);
        assertThat(envelope(get(metadata(key))).get("result").get("k").asText()).isEqualTo(key);
        assertThat(names(list(""))).containsExactly(key);
        assertOk(send(request(values(key)).DELETE()));
        assertThat(names(list(""))).isEmpty();
    }

    // ---- refusals

    @Test
    void aMissingKeyIs404WithCode10009() throws Exception {
        assertError(get(values("nope")), 404, 10009);
        assertError(get(metadata("nope")), 404, 10009);
    }

    @Test
    void anUnknownNamespaceIs404WithCode10013() throws Exception {
        String other = ns("0123456789abcdef0123456789abcdef");
        assertError(get(other + "/values/k"), 404, 10013);
        assertError(get(other + "/metadata/k"), 404, 10013);
        assertError(get(other + "/keys"), 404, 10013);
        assertError(send(request(other + "/values/k").PUT(BodyPublishers.ofString("v"))), 404, 10013);
        assertError(send(request(other + "/bulk").PUT(BodyPublishers.ofString("[]"))), 404, 10013);
        assertError(send(request(other + "/values/k").DELETE()), 404, 10013);
        assertError(send(request(other + "/bulk").method("DELETE", BodyPublishers.ofString("[]"))), 404, 10013);
        assertError(send(request(other + "/bulk/delete").POST(BodyPublishers.ofString("[]"))), 404, 10013);
        assertError(send(request(other + "/bulk/delete").POST(BodyPublishers.ofString("[\"k\"]"))), 404, 10013);
    }

    /**
     * The namespace is looked up before anything else of the request is checked, as Cloudflare
     * resolves the path first: a request that is wrong in another way too still says the namespace
     * is not there.
     */
    @Test
    void anUnknownNamespaceIsSaidBeforeWhatElseIsWrongWithTheRequest() throws Exception {
        String other = ns("0123456789abcdef0123456789abcdef");
        String longKey = "k".repeat(513);
        assertError(get(other + "/values/" + longKey), 404, 10013);
        assertError(get(other + "/metadata/" + longKey), 404, 10013);
        assertError(send(request(other + "/values/" + longKey).PUT(BodyPublishers.ofString("v"))), 404, 10013);
        assertError(send(request(other + "/values/" + longKey).DELETE()), 404, 10013);
        assertError(send(request(other + "/values/k?expiration_ttl=1").PUT(BodyPublishers.ofString("v"))), 404, 10013);
        assertError(get(other + "/keys?limit=5"), 404, 10013);
        assertError(get(other + "/keys?cursor=not-handed-out"), 404, 10013);
        assertError(send(request(other + "/bulk").PUT(BodyPublishers.ofString("{}"))), 404, 10013);
        assertError(send(request(other + "/bulk/delete").POST(BodyPublishers.ofString("{}"))), 404, 10013);
    }

    @Test
    void aKeyOfMoreThan512BytesIs414AndOf512Is200() throws Exception {
        String longest = "é".repeat(256);
        assertOk(put(longest, BodyPublishers.ofString("v"), "text/plain", ""));
        assertThat(text(get(values(longest)))).isEqualTo("v");

        String tooLong = longest + "x";
        assertError(put(tooLong, BodyPublishers.ofString("v"), "text/plain", ""), 414, 10020);
        assertError(get(values(tooLong)), 414, 10020);
        assertThat(names(list(""))).containsExactly(longest);
    }

    @ParameterizedTest
    @ValueSource(strings = {".", ".."})
    void dotKeysAreRefused(String key) throws Exception {
        assertError(put(key, BodyPublishers.ofString("v"), "text/plain", ""), 400, 10020);
    }

    @Test
    void aValueOver25MiBIs413AndWritesNothing() throws Exception {
        assertError(
                put("big", BodyPublishers.ofByteArray(new byte[MAX_VALUE_BYTES + 1]), "application/octet-stream", ""),
                413,
                10011);
        assertError(get(values("big")), 404, 10009);
    }

    @Test
    void aValueOfExactly25MiBIsKept() throws Exception {
        assertOk(put("max", BodyPublishers.ofByteArray(new byte[MAX_VALUE_BYTES]), "application/octet-stream", ""));
        assertThat(get(values("max")).body()).hasSize(MAX_VALUE_BYTES);
    }

    @Test
    void metadataOver1024BytesIs413AndOf1024Is200() throws Exception {
        String exact = "{\"m\":\"" + "x".repeat(1024 - 8) + "\"}";
        assertThat(exact.length()).isEqualTo(1024);
        assertOk(putMultipart("m", "v", exact, ""));

        String over = "{\"m\":\"" + "x".repeat(1024 - 7) + "\"}";
        assertError(putMultipart("m2", "v", over, ""), 413, 10011);
        assertError(get(values("m2")), 404, 10009);
    }

    @Test
    void metadataThatIsNotJsonIs400() throws Exception {
        assertError(putMultipart("m", "v", "{not json", ""), 400, 10021);
    }

    @ParameterizedTest
    @ValueSource(strings = {"?expiration_ttl=59", "?expiration_ttl=0", "?expiration_ttl=-5", "?expiration_ttl=soon"})
    void aTtlUnder60SecondsIs400WithCode10033(String query) throws Exception {
        assertError(put("t", BodyPublishers.ofString("v"), "text/plain", query), 400, 10033);
        assertError(get(values("t")), 404, 10009);
    }

    @Test
    void anExpirationUnder60SecondsAheadIs400AndOneAt60IsKept() throws Exception {
        assertError(put("t", BodyPublishers.ofString("v"), "text/plain", "?expiration=" + (now() + 59)), 400, 10033);
        assertError(put("t", BodyPublishers.ofString("v"), "text/plain", "?expiration=" + now()), 400, 10033);
        assertOk(put("t", BodyPublishers.ofString("v"), "text/plain", "?expiration=" + (now() + 60)));
        assertOk(put("u", BodyPublishers.ofString("v"), "text/plain", "?expiration_ttl=60"));
        assertThat(get(values("u")).headers().firstValue("expiration")).hasValue(Long.toString(now() + 60));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "1", "9", "1001", "-1", "ten", "1.5"})
    void aListLimitOutside10To1000Is400WithCode10026(String limit) throws Exception {
        assertError(get(keys("?limit=" + limit)), 400, 10026);
    }

    @ParameterizedTest
    @ValueSource(strings = {"garbage", "AAAA", "not%20a%20cursor"})
    void aCursorNotHandedOutIs400WithCode10026(String cursor) throws Exception {
        assertError(get(keys("?cursor=" + cursor)), 400, 10026);
    }

    @Test
    void errorsComeInCloudflaresEnvelope() throws Exception {
        HttpResponse<byte[]> r = get(values("nope"));
        assertThat(r.headers().firstValue("content-type").orElse("")).startsWith("application/json");
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.get("success").asBoolean()).isFalse();
        assertThat(body.get("result").isNull()).isTrue();
        assertThat(body.get("messages").isArray()).isTrue();
        assertThat(body.get("errors")).hasSize(1);
        assertThat(body.get("errors").get(0).get("code").isInt()).isTrue();
        assertThat(body.get("errors").get(0).get("message").asText()).isNotBlank();
    }

    @Test
    void anExpirationThatIsNotANumberIs400WithCode10033() throws Exception {
        assertError(put("t", BodyPublishers.ofString("v"), "text/plain", "?expiration=tomorrow"), 400, 10033);
    }

    @Test
    void aMultipartBodyWithoutAValuePartIs400WithCode10028() throws Exception {
        String body = "--b\r\nContent-Disposition: form-data; name=\"metadata\"\r\n\r\n{}\r\n--b--\r\n";
        assertError(
                send(request(values("k"))
                        .header("Content-Type", "multipart/form-data; boundary=b")
                        .PUT(BodyPublishers.ofString(body))),
                400,
                10028);
    }

    @Test
    void aMalformedPercentEscapeInAKeyIs400InTheEnvelope() throws Exception {
        // As the Cloudflare SDK 4.x sends the key "100%zz"; java.net.URI refuses to build it.
        URI base = URI.create(ns());
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            StringBuilder head = new StringBuilder("GET " + base.getRawPath() + "/values/100%zz HTTP/1.1\r\n");
            head.append("Host: ").append(base.getHost()).append("\r\nConnection: close\r\n");
            target.headers()
                    .forEach((name, value) ->
                            head.append(name).append(": ").append(value).append("\r\n"));
            socket.getOutputStream().write((head + "\r\n").getBytes(StandardCharsets.US_ASCII));
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(answer)
                    .startsWith("HTTP/1.1 400 ")
                    .contains("\"success\":false")
                    .contains("%25");
            // 7003 alone: 7000 ("No route for that URI") goes with the 404 of a path that is no route
            JsonNode errors = JSON.readTree(answer.substring(answer.indexOf("\r\n\r\n") + 4))
                    .get("errors");
            assertThat(errors).as(answer).hasSize(1);
            assertThat(errors.get(0).get("code").asInt()).isEqualTo(7003);
        }
    }

    @Test
    void aPathThatIsNoKvRouteIs404WithCode7003() throws Exception {
        assertError(get(ns() + "/nothing-here"), 404, 7003);
    }

    @Test
    void aMethodThePathDoesNotTakeIs405() throws Exception {
        assertError(send(request(keys("")).DELETE()), 405, 10405);
        assertError(send(request(values("k")).POST(BodyPublishers.ofString("v"))), 405, 10405);
    }

    @Test
    void theNamespaceIsListedAndReadWithItsTitle() throws Exception {
        JsonNode one = envelope(get(ns()));
        assertThat(one.get("result").get("id").asText()).isEqualTo(target.namespaceId());
        assertThat(one.get("result").get("title").asText()).isEqualTo("CONFORMANCE");
        assertThat(one.get("result").get("supports_url_encoding").asBoolean()).isTrue();

        // A shared test server holds other runs' namespaces too: page through them all, as wrangler does.
        List<String> ids = new ArrayList<>();
        JsonNode page;
        int number = 0;
        do {
            number++;
            page = envelope(get(target.namespacesUrl() + "?per_page=100&page=" + number));
            page.get("result").forEach(n -> ids.add(n.get("id").asText()));
            assertThat(page.get("result_info").get("page").asInt()).isEqualTo(number);
            assertThat(page.get("result_info").get("per_page").asInt()).isEqualTo(100);
            assertThat(page.get("result_info").get("count").asInt())
                    .isEqualTo(page.get("result").size());
        } while (page.get("result").size() == 100 && number < 1000);
        assertThat(ids).contains(target.namespaceId()).doesNotHaveDuplicates();
        assertThat(page.get("result_info").get("total_count").asInt()).isEqualTo(ids.size());
    }

    @ParameterizedTest
    @ValueSource(strings = {"2:5", "5000:1000"})
    void aNamespacePageSizeOutside5To1000IsClampedNotRefused(String askedAndGot) throws Exception {
        // Cloudflare's schema gives per_page a floor of 5; wrangler has asked for more than 100.
        String[] pair = askedAndGot.split(":");
        HttpResponse<byte[]> r = get(target.namespacesUrl() + "?per_page=" + pair[0]);
        assertOk(r);
        assertThat(envelope(r).get("result_info").get("per_page").asText()).isEqualTo(pair[1]);
    }

    // ---- lists

    @Test
    void listsPageInUnsignedUtf8ByteOrderThroughTheCursor() throws Exception {
        List<String> written = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            written.add(String.format("p/%02d", i));
        }
        written.addAll(List.of("B", "a", "z", "~", "é", "日", "😀"));
        bulkPut(written.stream().map(k -> item(k, "v")).toList());

        List<String> seen = new ArrayList<>();
        String cursor = "";
        int pages = 0;
        JsonNode page;
        do {
            page = list("?limit=10" + (cursor.isEmpty() ? "" : "&cursor=" + encode(cursor)));
            assertThat(page.get("result").size()).isLessThanOrEqualTo(10);
            assertThat(page.get("result_info").get("count").asInt())
                    .isEqualTo(page.get("result").size());
            seen.addAll(names(page));
            cursor = page.get("result_info").get("cursor").asText();
            if (listsSayListComplete()) {
                assertThat(page.get("result_info").get("list_complete").asBoolean())
                        .isEqualTo(cursor.isEmpty());
            }
            pages++;
        } while (!cursor.isEmpty() && pages < 10);

        List<String> expected = new ArrayList<>(written.subList(0, 25));
        expected.addAll(0, List.of("B", "a"));
        expected.addAll(List.of("z", "~", "é", "日", "😀"));
        assertThat(seen).containsExactlyElementsOf(expected);
        assertThat(pages).isEqualTo(4);
    }

    @Test
    void aPrefixListsTheExactKeyAndThoseBelowIt() throws Exception {
        bulkPut(List.of(
                item("user", "v"), item("user/1", "v"), item("user/2", "v"), item("users", "v"), item("usr", "v")));

        assertThat(names(list("?prefix=user/"))).containsExactly("user/1", "user/2");
        assertThat(names(list("?prefix=user"))).containsExactly("user", "user/1", "user/2", "users");
        JsonNode none = list("?prefix=nobody");
        assertThat(none.get("result")).isEmpty();
        assertThat(none.get("result_info").get("cursor").asText()).isEmpty();
    }

    @Test
    void aPrefixWithReservedCharactersIsDecodedFromTheQuery() throws Exception {
        bulkPut(List.of(item("a b/1", "v"), item("a+b/1", "v"), item("a%b/1", "v")));

        assertThat(names(list("?prefix=" + encode("a b/")))).containsExactly("a b/1");
        assertThat(names(list("?prefix=" + encode("a+b/")))).containsExactly("a+b/1");
        assertThat(names(list("?prefix=" + encode("a%b")))).containsExactly("a%b/1");
    }

    @Test
    void aPrefixPagesWithTheSamePrefixOnEveryCall() throws Exception {
        List<Map<String, Object>> items = new ArrayList<>();
        for (int i = 0; i < 15; i++) {
            items.add(item("in/" + i, "v"));
            items.add(item("out/" + i, "v"));
        }
        bulkPut(items);
        JsonNode first = list("?prefix=in/&limit=10");
        JsonNode second = list("?prefix=in/&limit=10&cursor="
                + encode(first.get("result_info").get("cursor").asText()));

        assertThat(names(first)).hasSize(10).allMatch(n -> n.startsWith("in/"));
        assertThat(names(second)).hasSize(5).allMatch(n -> n.startsWith("in/"));
        assertThat(second.get("result_info").get("cursor").asText()).isEmpty();
    }

    // ---- bulk

    @Test
    void bulkWriteTakesBase64MetadataAndTtl() throws Exception {
        JsonNode result = bulkPut(List.of(
                Map.of("key", "text", "value", "plain"),
                Map.of(
                        "key",
                        "bin",
                        "value",
                        Base64.getEncoder().encodeToString(new byte[] {0, -1, 2}),
                        "base64",
                        true),
                Map.of("key", "meta", "value", "m", "metadata", Map.of("tag", "x")),
                Map.of("key", "ttl", "value", "t", "expiration_ttl", 120)));
        assertThat(result.get("result").get("successful_key_count").asInt()).isEqualTo(4);
        assertThat(result.get("result").get("unsuccessful_keys")).isEmpty();

        assertThat(text(get(values("text")))).isEqualTo("plain");
        assertThat(get(values("bin")).body()).containsExactly(0, 0xff, 2);
        assertThat(envelope(get(metadata("meta"))).get("result").get("tag").asText())
                .isEqualTo("x");
        assertThat(get(values("ttl")).headers().firstValue("expiration")).hasValue(Long.toString(now() + 120));
    }

    @Test
    void aBulkWriteWithOneBadItemWritesNothing() throws Exception {
        HttpResponse<byte[]> r = send(request(ns() + "/bulk")
                .header("Content-Type", "application/json")
                .PUT(BodyPublishers.ofString(JSON.writeValueAsString(List.of(
                        Map.of("key", "good", "value", "v"),
                        Map.of("key", "bad", "value", "v", "expiration_ttl", 59))))));

        assertError(r, 400, 10033);
        assertError(get(values("good")), 404, 10009);
    }

    @Test
    void bulkDeleteTakesAnArrayOfNamesOnBothRoutes() throws Exception {
        bulkPut(List.of(item("a", "1"), item("b", "2"), item("c/d", "3"), item("e", "4")));

        HttpResponse<byte[]> post = send(request(ns() + "/bulk/delete")
                .header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString("[\"a\",\"c/d\",\"missing\"]")));
        assertOk(post);
        assertThat(envelope(post).get("result").get("successful_key_count").asInt())
                .isEqualTo(3);
        assertOk(send(request(ns() + "/bulk")
                .header("Content-Type", "application/json")
                .method("DELETE", BodyPublishers.ofString("[\"b\"]"))));

        assertThat(names(list(""))).containsExactly("e");
    }

    @Test
    void aBulkBodyThatIsNotAJsonArrayIs400WithCode10028() throws Exception {
        assertError(
                send(request(ns() + "/bulk")
                        .header("Content-Type", "application/json")
                        .PUT(BodyPublishers.ofString("{\"key\":\"a\",\"value\":\"1\"}"))),
                400,
                10028);
        assertError(
                send(request(ns() + "/bulk/delete")
                        .header("Content-Type", "application/json")
                        .POST(BodyPublishers.ofString("not json"))),
                400,
                10028);
    }

    @Test
    void aBulkWriteOfMoreThan10000ItemsIs400WithCode10012() throws Exception {
        List<Map<String, Object>> items = new ArrayList<>();
        for (int i = 0; i <= 10_000; i++) {
            items.add(item("k" + i, "v"));
        }
        HttpResponse<byte[]> r = send(request(ns() + "/bulk")
                .header("Content-Type", "application/json")
                .PUT(BodyPublishers.ofString(JSON.writeValueAsString(items))));
        assertError(r, 400, 10012);
        assertThat(names(list("?limit=10"))).isEmpty();
    }

    // ---- helpers

    private long now() {
        return clock.epochSecond();
    }

    private String ns() {
        return ns(target.namespaceId());
    }

    private String ns(String id) {
        return target.namespacesUrl() + "/" + id;
    }

    private String values(String key) {
        return ns() + "/values/" + encode(key);
    }

    private String metadata(String key) {
        return ns() + "/metadata/" + encode(key);
    }

    private String keys(String query) {
        return ns() + "/keys" + query;
    }

    /** As JavaScript's {@code encodeURIComponent}: a space is {@code %20}, {@code +} is {@code %2B}. */
    static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static Map<String, Object> item(String key, String value) {
        return Map.of("key", key, "value", value);
    }

    private HttpRequest.Builder request(String url) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url));
        target.headers().forEach(b::header);
        return b;
    }

    private HttpResponse<byte[]> send(HttpRequest.Builder b) throws IOException, InterruptedException {
        return http.send(b.build(), BodyHandlers.ofByteArray());
    }

    private HttpResponse<byte[]> get(String url) throws IOException, InterruptedException {
        return send(request(url));
    }

    private HttpResponse<byte[]> put(String key, BodyPublisher body, String contentType, String query)
            throws IOException, InterruptedException {
        return send(
                request(values(key) + query).header("Content-Type", contentType).PUT(body));
    }

    private HttpResponse<byte[]> putMultipart(String key, String value, String metadataJson, String query)
            throws IOException, InterruptedException {
        String boundary = "conformance-boundary";
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"value\"\r\n\r\n" + value + "\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"metadata\"\r\n\r\n" + metadataJson
                + "\r\n--" + boundary + "--\r\n";
        return send(request(values(key) + query)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .PUT(BodyPublishers.ofString(body)));
    }

    private JsonNode bulkPut(List<Map<String, Object>> items) throws IOException, InterruptedException {
        HttpResponse<byte[]> r = send(request(ns() + "/bulk")
                .header("Content-Type", "application/json")
                .PUT(BodyPublishers.ofString(JSON.writeValueAsString(items))));
        assertOk(r);
        return envelope(r);
    }

    private JsonNode list(String query) throws IOException, InterruptedException {
        HttpResponse<byte[]> r = get(keys(query));
        assertOk(r);
        return envelope(r);
    }

    private static List<String> names(JsonNode page) {
        List<String> names = new ArrayList<>();
        page.get("result").forEach(k -> names.add(k.get("name").asText()));
        return names;
    }

    private static JsonNode envelope(HttpResponse<byte[]> r) throws IOException {
        return JSON.readTree(r.body());
    }

    private static String text(HttpResponse<byte[]> r) {
        return new String(r.body(), StandardCharsets.UTF_8);
    }

    private static void assertOk(HttpResponse<byte[]> r) throws IOException {
        assertThat(r.statusCode())
                .as("%s %s: %s", r.request().method(), r.uri(), text(r))
                .isEqualTo(200);
        if (r.headers().firstValue("content-type").orElse("").startsWith("application/json")) {
            assertThat(envelope(r).get("success").asBoolean()).isTrue();
        }
    }

    private static void assertError(HttpResponse<byte[]> r, int status, int code) throws IOException {
        String shown = r.request().method() + " " + r.uri() + ": " + text(r);
        assertThat(r.statusCode()).as(shown).isEqualTo(status);
        JsonNode body = envelope(r);
        assertThat(body.get("success").asBoolean()).as(shown).isFalse();
        assertThat(body.get("errors").get(0).get("code").asInt()).as(shown).isEqualTo(code);
    }
}
