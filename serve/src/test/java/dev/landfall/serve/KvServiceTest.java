package dev.landfall.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.landfall.core.model.Entry;
import dev.landfall.core.model.Key;
import dev.landfall.core.model.KvErrorCodes;
import dev.landfall.core.model.KvNamespace;
import dev.landfall.core.spi.MemoryKvAccess;
import dev.landfall.core.time.FakeClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class KvServiceTest {
    private static final KvNamespace NS = new KvNamespace("ns1", "one");
    private final FakeClock clock = new FakeClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final MemoryKvAccess store = new MemoryKvAccess().with(NS);
    private final KvService kv = new KvService(
            store,
            new CacheSettings(1 << 20, Duration.ofSeconds(10)),
            clock,
            () -> clock.millis() * 1_000_000L,
            Runnable::run);

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private void writeBehindTheService(String key, String value) throws Exception {
        store.put(new Entry(NS, Key.of(key), utf8(value), null, null));
    }

    @Test
    void putThenGetWithMetadataRoundTrips() {
        kv.put("ns1", Key.of("a"), utf8("v"), "{\"n\": 1}", null, 120L);
        Entry e = kv.getWithMetadata("ns1", Key.of("a")).orElseThrow();
        assertThat(e.value()).isEqualTo(utf8("v"));
        assertThat(e.metadataJson()).isEqualTo("{\"n\": 1}");
        assertThat(e.expiration()).isEqualTo(clock.epochSecond() + 120);
    }

    @Test
    void keysAreCheckedAsUtf8WhetherAsciiOrNot() {
        kv.put("ns1", Key.of("ключ-é"), utf8("v"), null, null, null);
        assertThat(kv.get("ns1", Key.of("ключ-é")))
                .hasValueSatisfying(v -> assertThat(v).isEqualTo(utf8("v")));

        assertThatThrownBy(() -> kv.get("ns1", Key.ofBytes(new byte[] {'a', (byte) 0xC3})))
                .isInstanceOfSatisfying(
                        KvError.class, e -> assertThat(e.getMessage()).contains("not valid UTF-8"));
        assertThatThrownBy(() -> kv.get("ns1", Key.of("..")))
                .isInstanceOfSatisfying(
                        KvError.class, e -> assertThat(e.getMessage()).contains("Illegal key name"));
    }

    @Test
    void limitsAreRefusedWithCloudflaresCodes() {
        assertThatThrownBy(() -> kv.get("ns1", Key.of("")))
                .isInstanceOfSatisfying(KvError.class, e -> assertThat(e.code()).isEqualTo(KvErrorCodes.INVALID_KEY));
        assertThatThrownBy(() -> kv.get("ns1", Key.of("x".repeat(513))))
                .isInstanceOfSatisfying(
                        KvError.class, e -> assertThat(e.status()).isEqualTo(414));
        assertThatThrownBy(() ->
                        kv.put("ns1", Key.of("k"), new byte[0], "{\"a\":\"" + "x".repeat(1020) + "\"}", null, null))
                .isInstanceOfSatisfying(
                        KvError.class, e -> assertThat(e.status()).isEqualTo(413));
        assertThatThrownBy(() -> kv.put("ns1", Key.of("k"), new byte[0], "{not json", null, null))
                .isInstanceOfSatisfying(
                        KvError.class, e -> assertThat(e.code()).isEqualTo(KvErrorCodes.INVALID_METADATA));
        assertThatThrownBy(() -> kv.put("ns1", Key.of("k"), new byte[0], null, null, 59L))
                .isInstanceOfSatisfying(
                        KvError.class, e -> assertThat(e.code()).isEqualTo(KvErrorCodes.INVALID_EXPIRATION));
        assertThatThrownBy(() -> kv.put("ns1", Key.of("k"), new byte[0], null, clock.epochSecond() + 59, null))
                .isInstanceOfSatisfying(
                        KvError.class, e -> assertThat(e.code()).isEqualTo(KvErrorCodes.INVALID_EXPIRATION));
        assertThatThrownBy(() -> kv.list("ns1", null, 1001, null))
                .isInstanceOfSatisfying(
                        KvError.class, e -> assertThat(e.code()).isEqualTo(KvErrorCodes.INVALID_PARAMETER));
        assertThatThrownBy(() -> kv.list("ns1", null, null, "garbage"))
                .isInstanceOfSatisfying(
                        KvError.class, e -> assertThat(e.status()).isEqualTo(400));
        assertThatThrownBy(() -> kv.get("nope", Key.of("k")))
                .isInstanceOfSatisfying(
                        KvError.class, e -> assertThat(e.code()).isEqualTo(KvErrorCodes.NAMESPACE_NOT_FOUND));
    }

    @Test
    void aValueOfExactly25MiBIsAcceptedAndOneByteMoreIsNot() {
        kv.put("ns1", Key.of("big"), new byte[25 * 1024 * 1024], null, null, null);
        assertThatThrownBy(() -> kv.put("ns1", Key.of("big"), new byte[25 * 1024 * 1024 + 1], null, null, null))
                .isInstanceOfSatisfying(
                        KvError.class, e -> assertThat(e.status()).isEqualTo(413));
    }

    @Test
    void anotherInstancesWriteIsSeenWithinFreshFor() throws Exception {
        writeBehindTheService("k", "old");
        assertThat(kv.get("ns1", Key.of("k"))).contains(utf8("old"));
        writeBehindTheService("k", "new");
        assertThat(kv.get("ns1", Key.of("k"))).as("cached").contains(utf8("old"));
        clock.advance(Duration.ofSeconds(10));
        assertThat(kv.get("ns1", Key.of("k"))).as("after fresh-for").contains(utf8("new"));
    }

    @Test
    void aMissIsCachedUntilThisInstanceWrites() throws Exception {
        assertThat(kv.get("ns1", Key.of("k"))).isEmpty();
        writeBehindTheService("k", "elsewhere");
        assertThat(kv.get("ns1", Key.of("k"))).as("negative cache").isEmpty();
        kv.put("ns1", Key.of("k"), utf8("mine"), null, null, null);
        assertThat(kv.get("ns1", Key.of("k"))).contains(utf8("mine"));
        kv.delete("ns1", Key.of("k"));
        assertThat(kv.get("ns1", Key.of("k"))).isEmpty();
    }

    @Test
    void aCachedEntryIsNeverServedPastItsExpiration() {
        kv.put("ns1", Key.of("k"), utf8("v"), null, null, 60L);
        clock.advance(Duration.ofSeconds(60));
        // Still fresh in the cache by the ticker's measure if fresh-for were longer: the entry's own expiry decides.
        assertThat(kv.get("ns1", Key.of("k"))).isEmpty();
    }

    @Test
    void anOutageServesFreshAnswersAnd503sTheRest() {
        kv.put("ns1", Key.of("k"), utf8("v"), null, null, null);
        store.failing(true);
        clock.advance(Duration.ofSeconds(6));
        assertThat(kv.get("ns1", Key.of("k")))
                .as("stale but fresh enough; its reload fails")
                .contains(utf8("v"));
        assertThat(kv.health().unreachableSince()).contains(clock.instant());
        assertThatThrownBy(() -> kv.get("ns1", Key.of("other")))
                .isInstanceOfSatisfying(
                        KvError.class, e -> assertThat(e.status()).isEqualTo(503));
        clock.advance(Duration.ofSeconds(4));
        assertThatThrownBy(() -> kv.get("ns1", Key.of("k")))
                .isInstanceOfSatisfying(
                        KvError.class, e -> assertThat(e.status()).isEqualTo(503));
        assertThatThrownBy(() -> kv.put("ns1", Key.of("k"), utf8("w"), null, null, null))
                .isInstanceOfSatisfying(
                        KvError.class, e -> assertThat(e.status()).isEqualTo(503));
        store.failing(false);
        assertThat(kv.get("ns1", Key.of("k"))).contains(utf8("v"));
        assertThat(kv.health().unreachableSince()).isEmpty();
    }

    @Test
    void missesMayBeReadInlineOnlyFromAStoreThatReadsInProcessWhileItsReadsAreQuick() throws Exception {
        WatchedStore inProcess = new WatchedStore.InProcess(store, clock);
        KvService overSqliteLike = new KvService(
                inProcess,
                new CacheSettings(1 << 20, Duration.ofSeconds(10)),
                clock,
                () -> clock.millis() * 1_000_000L,
                Runnable::run);
        assertThat(kv.readsQuickly()).as("a store that is not in this process").isFalse();
        assertThat(overSqliteLike.readsQuickly()).isTrue();

        inProcess.readsTake(Duration.ofMillis(2));
        assertThat(overSqliteLike.get("ns1", Key.of("slow"))).isEmpty();
        assertThat(overSqliteLike.readsQuickly()).as("after a read of 2 ms").isFalse();

        inProcess.readsTake(Duration.ZERO);
        assertThat(overSqliteLike.get("ns1", Key.of("a"))).isEmpty();
        assertThat(overSqliteLike.get("ns1", Key.of("b"))).isEmpty();
        assertThat(overSqliteLike.readsQuickly())
                .as("two quick reads later: still over 100 us on average")
                .isFalse();
        for (String key : List.of("c", "d", "e", "f", "g", "h", "i", "j")) {
            assertThat(overSqliteLike.get("ns1", Key.of(key))).isEmpty();
        }
        assertThat(overSqliteLike.readsQuickly()).as("ten quick reads later").isTrue();
        assertThat(inProcess.readOnSelector()).hasSize(11);
    }

    @Test
    void withTheCacheOffEveryGetReadsTheStoreAndCountsAMiss() throws Exception {
        KvService uncached = new KvService(
                store,
                new CacheSettings(0, Duration.ofSeconds(10)),
                clock,
                () -> clock.millis() * 1_000_000L,
                Runnable::run);
        assertThat(uncached.get("ns1", Key.of("k"))).isEmpty();
        writeBehindTheService("k", "elsewhere");
        assertThat(uncached.get("ns1", Key.of("k"))).as("no negative cache").contains(utf8("elsewhere"));
        uncached.put("ns1", Key.of("k"), utf8("mine"), "{\"m\":1}", null, 60L);
        Entry e = uncached.getWithMetadata("ns1", Key.of("k")).orElseThrow();
        assertThat(e.metadataJson()).isEqualTo("{\"m\":1}");
        assertThat(e.expiration()).isEqualTo(clock.epochSecond() + 60);
        clock.advance(Duration.ofSeconds(60));
        assertThat(uncached.get("ns1", Key.of("k"))).as("expired").isEmpty();
        assertThat(uncached.cacheStats().missCount()).isEqualTo(4);
        assertThat(uncached.cacheStats().hitCount()).isZero();
        assertThat(uncached.cachedBytes()).isZero();

        store.failing(true);
        assertThatThrownBy(() -> uncached.get("ns1", Key.of("k")))
                .isInstanceOfSatisfying(
                        KvError.class, err -> assertThat(err.status()).isEqualTo(503));
        assertThat(uncached.health().unreachableSince()).contains(clock.instant());
        store.failing(false);
        assertThat(uncached.get("ns1", Key.of("k"))).isEmpty();
        assertThat(uncached.health().unreachableSince()).isEmpty();
    }

    @Test
    void listPagesWithAnOpaqueCursorUntilComplete() {
        for (String k : List.of("a1", "a2", "a3", "b1")) {
            kv.put("ns1", Key.of(k), utf8(k), null, null, null);
        }
        List<String> seen = new ArrayList<>();
        String cursor = null;
        KeyListing page;
        do {
            page = kv.list("ns1", "a", 2, cursor);
            page.keys().forEach(i -> seen.add(i.key().text()));
            cursor = page.cursor();
        } while (!page.listComplete());
        assertThat(seen).containsExactly("a1", "a2", "a3");
        assertThat(page.cursor()).isEmpty();
    }
}
