package dev.landfall.cloudflare.kv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.landfall.cloudflare.api.CloudflareClient;
import dev.landfall.cloudflare.api.CloudflareClientOptions;
import dev.landfall.cloudflare.api.CloudflareEndpoint;
import dev.landfall.cloudflare.api.ScriptedServer;
import dev.landfall.cloudflare.api.ScriptedServer.Reply;
import dev.landfall.core.config.Secret;
import dev.landfall.core.model.Entry;
import dev.landfall.core.model.Key;
import dev.landfall.core.model.KvNamespace;
import dev.landfall.core.retry.RetryPolicy;
import dev.landfall.core.spi.Checkpoint;
import dev.landfall.core.spi.Cursor;
import dev.landfall.core.time.FakeClock;
import dev.landfall.core.time.FakeSleeper;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The KV source against scripted answers the sandbox cannot give on cue. */
class KvRestSourceScriptedTest {
    private static final String NS_ID = "0f2ac74b498b48028cb68387c421e279";
    private static final KvNamespace NS = new KvNamespace(NS_ID, "SESSIONS");

    private final FakeClock clock = new FakeClock();
    private ScriptedServer server;
    private CloudflareClient client;
    private KvRestSource source;

    @AfterEach
    void tearDown() {
        if (source != null) {
            source.close();
        }
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private KvRestSource start(Function<ScriptedServer.Recorded, Reply> script) {
        server = ScriptedServer.start(clock, script);
        FakeSleeper sleeper = new FakeSleeper(clock);
        client = new CloudflareClient(
                new CloudflareEndpoint(server.baseUrl(), "acct", Secret.of("scripted-token-123")),
                CloudflareClientOptions.builder()
                        .concurrency(1)
                        .clock(clock)
                        .sleeper(sleeper)
                        .retryPolicy(RetryPolicy.builder(1)
                                .sleeper(sleeper)
                                .maxAttempts(3)
                                .build())
                        .build());
        source = new KvRestSource(client, List.of(), "");
        return source;
    }

    @Test
    void expiredVanishedAndLossyValuesAreCountedOrReadAgain() throws IOException {
        long now = clock.epochSecond();
        byte[] binary = {(byte) 0xFF, 0, 1, 2, (byte) 0xC3};
        start(r -> {
            String t = r.target();
            if (t.contains("/keys")) {
                return Reply.ok("[{\"name\":\"a\",\"expiration\":" + now
                        + "},{\"name\":\"b\",\"metadata\":{ \"x\": 1.50, \"2\": 0 }},"
                        + "{\"name\":\"c\"},{\"name\":\"d\",\"expiration\":" + (now + 3600) + "},{\"name\":\"e\"},"
                        + "{\"name\":\"f\"}]");
            }
            if (t.endsWith("/bulk/get")) {
                return Reply.ok(
                        "{\"values\":{\"b\":\"B\",\"c\":null,\"d\":\"\\ufffd\\u0000\\u0001\",\"f\":\"\\ud800\"}}");
            }
            if (t.endsWith("/values/d") || t.endsWith("/values/f")) {
                return new Reply(200, Map.of("expiration", "1"), binary);
            }
            return Reply.error(404, 10009, "get: 'key not found'");
        });
        List<Entry> entries = SandboxTruth.drain(source.entries(NS, Checkpoint.START));
        assertEquals(3, entries.size());
        assertEquals(
                new Entry(NS, Key.of("b"), "B".getBytes(StandardCharsets.UTF_8), "{\"2\":0,\"x\":1.5}", null),
                entries.get(0),
                "metadata as JSON.stringify writes it, as through the export Worker");
        assertArrayEquals(binary, entries.get(1).value());
        assertEquals(now + 3600, entries.get(1).expiration(), "the listing's expiration, not the header's");
        assertEquals("f", entries.get(2).key().text());
        assertEquals(new KvScopeCounters(6, 3, 1, 2, 1, 1, 3), source.counters(NS));
        String bulk = server.requests().stream()
                .filter(r -> r.target().endsWith("/bulk/get"))
                .findFirst()
                .orElseThrow()
                .bodyText();
        assertFalse(bulk.contains("\"a\""), "an expired key is not read: " + bulk);
    }

    @Test
    void aShortOrEmptyPageWithACursorIsNotTheEnd() throws IOException {
        start(r -> {
            String q = r.query();
            if (r.target().contains("/keys")) {
                if (!q.contains("cursor=")) {
                    return Reply.json(
                            200,
                            "{\"success\":true,\"result\":[{\"name\":\"a\"}],\"result_info\":{\"cursor\":\"p2\"}}");
                }
                if (q.contains("cursor=p2")) {
                    return Reply.json(
                            200, "{\"success\":true,\"result\":[],\"result_info\":{\"cursor\":\"p3\",\"count\":0}}");
                }
                return Reply.json(
                        200, "{\"success\":true,\"result\":[{\"name\":\"z\"}],\"result_info\":{\"cursor\":null}}");
            }
            String body = r.bodyText();
            return Reply.ok(body.contains("\"a\"") ? "{\"values\":{\"a\":\"1\"}}" : "{\"values\":{\"z\":\"2\"}}");
        });
        List<SandboxTruth.Read> reads = SandboxTruth.drainWithCheckpoints(source.entries(NS, Checkpoint.START));
        assertEquals(
                List.of("a", "z"),
                reads.stream().map(r -> r.entry().key().text()).toList());
        assertEquals(
                new KvListPosition(Key.of("a"), "", ""),
                KvListPosition.from(reads.get(0).checkpoint()));
        assertEquals(
                new KvListPosition(Key.of("z"), "p3", ""),
                KvListPosition.from(reads.get(1).checkpoint()));
        assertEquals(3, source.counters(NS).listCalls());
    }

    @Test
    void aFailedListStopsTheCursorAfterTheEntriesBeforeIt() throws IOException {
        start(r -> {
            if (r.target().contains("/keys")) {
                return r.query().contains("cursor=")
                        ? Reply.error(503, 10001, "unavailable")
                        : Reply.json(
                                200,
                                "{\"success\":true,\"result\":[{\"name\":\"a\"}],\"result_info\":{\"cursor\":\"p2\"}}");
            }
            return Reply.ok("{\"values\":{\"a\":\"1\"}}");
        });
        Cursor<Entry> c = source.entries(NS, Checkpoint.START);
        assertTrue(c.next());
        Checkpoint last = c.checkpoint();
        var e = assertThrows(dev.landfall.core.error.LandfallException.class, c::next);
        assertTrue(e.getMessage().contains("failed after 3 attempts"), e.getMessage());
        assertEquals(last, c.checkpoint(), "the checkpoint stays at the last entry delivered");
        c.close();
    }

    @Test
    void aListOutOfOrderOrStuckOnOneCursorFails() throws IOException {
        start(r -> r.target().contains("/keys")
                ? Reply.json(
                        200,
                        "{\"success\":true,\"result\":[{\"name\":\"b\"},{\"name\":\"a\"}],\"result_info\":{\"cursor\":\"\"}}")
                : Reply.ok("{\"values\":{}}"));
        Cursor<Entry> c = source.entries(NS, Checkpoint.START);
        var e = assertThrows(dev.landfall.core.error.LandfallException.class, c::next);
        assertTrue(e.getMessage().contains("listed key 'a' after 'b'"), e.getMessage());
        c.close();
        tearDown();

        start(r -> r.target().contains("/keys")
                ? Reply.json(200, "{\"success\":true,\"result\":[],\"result_info\":{\"cursor\":\"same\"}}")
                : Reply.ok("{\"values\":{}}"));
        Cursor<Entry> stuck = source.entries(NS, new KvListPosition(null, "same", "").toCheckpoint());
        var f = assertThrows(dev.landfall.core.error.LandfallException.class, stuck::next);
        assertTrue(f.getMessage().contains("would never end"), f.getMessage());
        stuck.close();
    }

    @Test
    void closeFromAnotherThreadEndsABlockedNext() throws Exception {
        CountDownLatch received = new CountDownLatch(1);
        CountDownLatch never = new CountDownLatch(1);
        start(r -> {
            received.countDown();
            try {
                never.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return Reply.error(503, 1, "late");
        });
        Cursor<Entry> c = source.entries(NS, Checkpoint.START);
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread consumer = new Thread(() -> {
            try {
                c.next();
            } catch (Throwable t) {
                thrown.set(t);
            }
        });
        consumer.start();
        assertTrue(received.await(10, TimeUnit.SECONDS), "the list request reached the server");
        source.close();
        consumer.join(TimeUnit.SECONDS.toMillis(10));
        assertFalse(consumer.isAlive(), "next() returned after close()");
        assertInstanceOf(InterruptedIOException.class, thrown.get());
        assertNull(thrown.get().getCause());
        never.countDown();
        assertTrue(client.stats().requests() >= 1);
        assertEquals(0, client.stats().retries(), "a cancelled request is not retried");
    }

    @Test
    void aConsumerBusyWithOneEntryDoesNotStopTheRequestsBehindIt() throws Exception {
        int pages = 40;
        start(r -> {
            if (r.target().contains("/keys")) {
                int page = r.query().contains("cursor=p")
                        ? Integer.parseInt(r.query().replaceAll(".*cursor=p(\\d+).*", "$1"))
                        : 0;
                StringBuilder keys = new StringBuilder();
                for (int i = 0; i < 10; i++) {
                    keys.append(i == 0 ? "" : ",").append(String.format("{\"name\":\"k%03d-%d\"}", page, i));
                }
                String next = page + 1 < pages ? "p" + (page + 1) : "";
                return Reply.json(
                        200,
                        "{\"success\":true,\"result\":[" + keys + "],\"result_info\":{\"cursor\":\"" + next + "\"}}");
            }
            Matcher m = Pattern.compile("\"(k\\d{3}-\\d)\"").matcher(r.bodyText());
            StringBuilder values = new StringBuilder();
            while (m.find()) {
                values.append(values.length() == 0 ? "" : ",")
                        .append('"')
                        .append(m.group(1))
                        .append("\":\"v\"");
            }
            return Reply.ok("{\"values\":{" + values + "}}");
        });
        source.close();
        // One batch a page, so READ_AHEAD_PAGES batches may be outstanding (4 per reader is fewer).
        source = new KvRestSource(client, List.of(), "", 10);
        Cursor<Entry> c = source.entries(NS, Checkpoint.START);

        assertTrue(c.next(), "the consumer holds the first entry and does not come back for a while");

        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (bulkGets() < KvEntryCursor.READ_AHEAD_PAGES && System.nanoTime() < until) {
            Thread.sleep(5);
        }
        assertEquals(
                KvEntryCursor.READ_AHEAD_PAGES,
                bulkGets(),
                "pages behind the consumer's are listed and read, up to the read-ahead bound and no further");
        int n = 1;
        while (c.next()) {
            n++;
        }
        assertEquals(pages * 10, n);
        assertEquals(pages, bulkGets());
        assertEquals(pages, source.counters(NS).listCalls());
        c.close();
    }

    private long bulkGets() {
        return server.requests().stream()
                .filter(r -> r.target().endsWith("/bulk/get"))
                .count();
    }
}
