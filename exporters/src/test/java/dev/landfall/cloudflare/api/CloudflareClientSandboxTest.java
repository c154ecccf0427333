package dev.landfall.cloudflare.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.landfall.core.config.Secret;
import dev.landfall.core.model.Key;
import dev.landfall.core.model.KvNamespace;
import dev.landfall.core.time.RequestBudget;
import dev.landfall.sandbox.KvSeed;
import dev.landfall.sandbox.RateLimit;
import dev.landfall.sandbox.SandboxConfig;
import dev.landfall.sandbox.SandboxServer;
import dev.landfall.sandbox.internal.KvItem;
import dev.landfall.sandbox.internal.KvNamespaceState;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The client's calls against the sandbox: paths, paging and values as Cloudflare serves them. */
class CloudflareClientSandboxTest {
    private static CloudflareClient client(SandboxServer server) {
        return new CloudflareClient(
                new CloudflareEndpoint(server.baseUrl(), server.accountId(), Secret.of(server.token())),
                CloudflareClientOptions.builder()
                        .budget(RequestBudget.UNLIMITED)
                        .build());
    }

    private static long now() {
        return Clock.systemUTC().instant().getEpochSecond();
    }

    @Test
    void verifiesTheTokenAndPagesThroughNamespaces() throws IOException {
        List<KvSeed> seeds = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            seeds.add(new KvSeed(String.format("NS-%03d", i), 1, KvSeed.VARIED));
        }
        SandboxConfig config = SandboxConfig.builder()
                .rateLimit(RateLimit.UNLIMITED)
                .seedKv(seeds)
                .build();
        try (SandboxServer server = SandboxServer.start(config);
                CloudflareClient client = client(server)) {
            assertTrue(client.verifyToken().active());
            List<KvNamespaceInfo> all = client.listKvNamespaces();
            assertEquals(250, all.size());
            assertEquals(
                    server.kvNamespaces().stream()
                            .map(KvNamespace::namespaceId)
                            .sorted()
                            .toList(),
                    all.stream().map(KvNamespaceInfo::id).sorted().toList());
            assertEquals(3, server.stats().requests("GET", "/accounts/{account_id}/storage/kv/namespaces"));
            assertEquals(1, server.stats().requests("GET", "/user/tokens/verify"));
        }
    }

    @Test
    void everyKeyReadsBackThroughItsEncodedPathAndListsWithItsExactMetadata() throws IOException {
        SandboxConfig config = SandboxConfig.builder()
                .rateLimit(RateLimit.UNLIMITED)
                .seedKv(List.of(KvSeed.parse("HARD=120")))
                .build();
        try (SandboxServer server = SandboxServer.start(config);
                CloudflareClient client = client(server)) {
            KvNamespace ns = server.kvNamespaces().get(0);
            KvNamespaceState state = server.kvStore().find(ns.namespaceId()).orElseThrow();
            List<KvItem> truth = state.list(new byte[0], null, 1000, now()).items();
            assertEquals(120, truth.size());

            List<ListedKey> listed = new ArrayList<>();
            String cursor = "";
            int pages = 0;
            do {
                KeyPage page = client.listKeys(ns.namespaceId(), "", cursor, 10);
                listed.addAll(page.keys());
                cursor = page.cursor();
                pages++;
            } while (!cursor.isEmpty());
            assertEquals(12, pages);
            assertEquals(truth.size(), listed.size());
            for (int i = 0; i < truth.size(); i++) {
                KvItem t = truth.get(i);
                ListedKey l = listed.get(i);
                assertEquals(t.key(), l.key());
                assertEquals(t.metadataJson(), l.metadataJson(), "metadata of " + t.key());
                assertEquals(t.expiration(), l.expiration());
            }

            for (KvItem t : truth) {
                ValueRead v = client.getValue(ns.namespaceId(), t.key()).orElseThrow();
                assertArrayEquals(t.value().bytes(), v.bytes(), "value of " + t.key());
                assertEquals(t.expiration(), v.expiration());
            }
            assertTrue(client.getValue(ns.namespaceId(), Key.of("no such key")).isEmpty());
            assertTrue(truth.stream().anyMatch(t -> t.key().text().equals("a/b c:d?é%+#")));
            assertTrue(truth.stream().anyMatch(t -> t.key().size() == 512));
        }
    }
}
