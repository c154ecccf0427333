package dev.landfall.store.clickhouse;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The path 18.16 cannot serve: a current server (20.1+) has {@code DateTime64}, so events with
 * fractions of a second get a {@code DateTime64(P, 'UTC')} column. The server is a WireMock
 * stand-in answering with the status, headers and bodies of ClickHouse 24.8's HTTP interface; the
 * test checks the statements and rows Landfall sends it.
 */
class ClickHouseCurrentServerTest {
    @TempDir
    Path dir;

    private WireMockServer server;

    @BeforeEach
    void start() {
        server = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        server.stubFor(any(anyUrl()).atPriority(9).willReturn(ok("", "{\"read_rows\":\"0\",\"written_rows\":\"0\"}")));
        server.stubFor(post(anyUrl())
                .withRequestBody(containing("SELECT version()"))
                .atPriority(1)
                .willReturn(ok("24.8.4.13\n", null)));
        server.stubFor(post(anyUrl())
                .withRequestBody(containing("EXISTS TABLE"))
                .atPriority(1)
                .willReturn(ok("0\n", null)));
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    private static ResponseDefinitionBuilder ok(String body, String summary) {
        ResponseDefinitionBuilder r = aResponse()
                .withStatus(200)
                .withHeader("Content-Type", "text/tab-separated-values; charset=UTF-8")
                .withHeader("X-ClickHouse-Server-Display-Name", "ch-24-8")
                .withHeader("X-ClickHouse-Query-Id", "5f2c7a43-8e8b-4f0e-9d0a-3b1f0c6e2d11")
                .withHeader("X-ClickHouse-Format", "TabSeparated")
                .withHeader("X-ClickHouse-Timezone", "UTC")
                .withBody(body);
        return summary == null ? r : r.withHeader("X-ClickHouse-Summary", summary);
    }

    @Test
    void fractionalTimesGetADateTime64ColumnAndGoOutInUtc() throws IOException {
        // given
        Path file = dir.resolve("events.ndjson");
        Files.writeString(
                file,
                "{\"ts\":\"2025-11-29T07:00:00.123Z\",\"n\":1}\n{\"ts\":\"2025-11-29T08:00:00.5+01:00\",\"n\":2}\n");
        ClickHouseLocation where =
                ClickHouseLocation.parse("clickhouse://app:pw@127.0.0.1:" + server.port() + "/analytics", Map.of());

        // when
        EventLoad.Result r;
        try (ClickHouseSession session = ClickHouseSession.open(where)) {
            r = new ClickHouseEventSink(session)
                    .load(new EventLoad(file, "events", Optional.empty(), 0, 1000, 100), new EventLoad.Listener() {});
        }

        // then
        assertEquals(
                "`ts` DateTime64(3, 'UTC'), `n` Nullable(Int64)", r.schema().columnsSql());
        assertEquals(2, r.rows());
        assertEquals("24.8.4.13", r.serverVersion());
        List<String> statements = server.getAllServeEvents().stream()
                .map(e -> e.getRequest())
                .sorted((a, b) -> a.getLoggedDate().compareTo(b.getLoggedDate()))
                .map(ClickHouseCurrentServerTest::statement)
                .collect(Collectors.toList());
        assertTrue(
                statements.contains("CREATE TABLE `analytics`.`events_landfall_loading` (`ts` DateTime64(3, 'UTC'),"
                        + " `n` Nullable(Int64)) ENGINE = MergeTree() ORDER BY `ts`"),
                statements.toString());
        assertTrue(
                statements.contains("RENAME TABLE `analytics`.`events_landfall_loading` TO `analytics`.`events`"),
                statements.toString());
        LoggedRequest insert = server.getAllServeEvents().stream()
                .map(e -> e.getRequest())
                .filter(q -> statement(q).startsWith("INSERT INTO"))
                .findFirst()
                .orElseThrow();
        assertTrue(statement(insert).contains("`analytics`.`events_landfall_loading`"), statement(insert));
        assertTrue(statement(insert).contains("FORMAT TabSeparated"), statement(insert));
        assertEquals("2025-11-29 07:00:00.123\t1\n2025-11-29 07:00:00.500\t2\n", insert.getBodyAsString());
        for (LoggedRequest q :
                server.getAllServeEvents().stream().map(e -> e.getRequest()).toList()) {
            assertTrue(
                    q.getHeader("Accept-Encoding") == null
                            || !q.getHeader("Accept-Encoding").contains("lz4"),
                    "no compression asked");
            assertTrue(!q.getUrl().contains("pw"), "the password is not in the URL: " + q.getUrl());
        }
    }

    // The SQL of a request: the query parameter (inserts) or the body (other statements).
    private static String statement(LoggedRequest q) {
        String url = q.getUrl();
        int at = url.indexOf("query=");
        if (at >= 0) {
            int end = url.indexOf('&', at);
            return URLDecoder.decode(url.substring(at + 6, end < 0 ? url.length() : end), StandardCharsets.UTF_8)
                    .trim();
        }
        return q.getBodyAsString().trim();
    }
}
