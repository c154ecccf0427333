package dev.landfall.cloudflare.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.landfall.cloudflare.SandboxFixture;
import dev.landfall.cloudflare.api.CloudflareClient;
import dev.landfall.cloudflare.api.CloudflareClientOptions;
import dev.landfall.cloudflare.api.CloudflareEndpoint;
import dev.landfall.cloudflare.api.ScriptedServer;
import dev.landfall.cloudflare.api.ScriptedServer.Reply;
import dev.landfall.core.config.Secret;
import dev.landfall.core.error.ErrorKind;
import dev.landfall.core.error.LandfallException;
import dev.landfall.core.model.Entry;
import dev.landfall.core.model.Key;
import dev.landfall.core.model.KvNamespace;
import dev.landfall.core.spi.ScopeWriter;
import dev.landfall.core.spi.StoreUri;
import dev.landfall.core.spi.WriteMode;
import dev.landfall.core.time.FakeClock;
import dev.landfall.core.time.FakeSleeper;
import dev.landfall.core.time.RequestBudget;
import dev.landfall.sandbox.SandboxConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** What only a scripted server shows (a token without the edit permission), and the budget. */
class WorkersKvStoreFailureTest {
    private static final String TOKEN = "tok-" + "s3cr3t".repeat(4);
    private static final KvNamespace SOURCE = new KvNamespace("0f2ac74b498b48028cb68387c421e279", "SESSIONS");

    private static Entry entry(String key) {
        return new Entry(SOURCE, Key.of(key), key.getBytes(StandardCharsets.UTF_8), null, null);
    }

    /** A token that may read but not edit: Cloudflare answers the bulk write with 403, code 10000. */
    @Test
    void aTokenWithoutKvEditIsRejectedWithExitTwoNamingThePermissionAndTheNamespace() throws IOException {
        try (ScriptedServer server = ScriptedServer.start(Clock.systemUTC(), r -> {
            if (r.method().equals("GET") && r.target().contains("/storage/kv/namespaces?")) {
                return Reply.json(
                        200,
                        "{\"success\":true,\"errors\":[],\"result\":[{\"id\":\"9a8b7c6d5e4f30211203f4e5d6c7b8a9\","
                                + "\"title\":\"BACK\"}],\"result_info\":{\"page\":1,\"per_page\":100,\"count\":1,"
                                + "\"total_count\":1}}");
            }
            return Reply.error(403, 10000, "Authentication error");
        })) {
            CloudflareClient client = new CloudflareClient(
                    new CloudflareEndpoint(server.baseUrl(), "acc123", Secret.of(TOKEN)),
                    CloudflareClientOptions.builder()
                            .budget(RequestBudget.UNLIMITED)
                            .build());
            KvStoreTarget target = KvStoreTarget.parse(StoreUri.parse("cloudflare://acc123?namespace=BACK"));
            try (WorkersKvStore store = new WorkersKvStore(client, target, true);
                    ScopeWriter w = store.open(SOURCE, WriteMode.UPSERT)) {
                w.put(entry("a"));
                LandfallException e = assertThrows(LandfallException.class, w::flush);
                assertEquals(ErrorKind.REJECTED, e.kind());
                assertEquals(2, e.kind().exitCode());
                assertTrue(e.getMessage().contains("Workers KV Storage Edit"), e.getMessage());
                assertTrue(e.getMessage().contains("'BACK'"), e.getMessage());
                assertTrue(
                        e.hint().orElseThrow().contains("Workers KV Storage Edit"),
                        e.hint().orElseThrow());
                assertFalse((e.getMessage() + e.hint().orElseThrow()).contains(TOKEN), "no token in the error");
            }
            long writes = server.requests().stream()
                    .filter(r -> r.method().equals("PUT"))
                    .count();
            assertEquals(1, writes, "a 403 cannot heal: it is not retried");
        }
    }

    /** Every bulk request passes the client's rate limiter: a budget of 2 in 10 s makes the third wait. */
    @Test
    void bulkWritesStayWithinTheApiBudget() throws Exception {
        FakeClock clock = new FakeClock(Instant.now());
        FakeSleeper sleeper = new FakeSleeper(clock);
        try (SandboxFixture sandbox = new SandboxFixture(SandboxConfig.defaults())) {
            sandbox.server().kvStore().create("BACK");
            CloudflareClient client = new CloudflareClient(
                    new CloudflareEndpoint(
                            sandbox.server().baseUrl(),
                            sandbox.server().accountId(),
                            Secret.of(sandbox.server().token())),
                    CloudflareClientOptions.builder()
                            .budget(new RequestBudget(2, Duration.ofSeconds(10)))
                            .clock(clock)
                            .sleeper(sleeper)
                            .build());
            KvStoreTarget target = KvStoreTarget.parse(
                    StoreUri.parse("cloudflare://" + sandbox.server().accountId() + "?namespace=BACK"));
            try (WorkersKvStore store = new WorkersKvStore(client, target, true);
                    ScopeWriter w = store.open(SOURCE, WriteMode.UPSERT)) {
                // One request lists the namespaces; then three bulk writes.
                for (String k : new String[] {"a", "b", "c"}) {
                    w.put(entry(k));
                    w.flush();
                }
                assertEquals(3, store.written().requests());
                assertEquals(4, store.apiUsage().requests());
            }
            assertTrue(
                    sleeper.total().compareTo(Duration.ofSeconds(10)) >= 0,
                    "four requests at 2 a 10 s window wait at least one window: " + sleeper.sleeps());
        }
    }
}
