package dev.landfall.cloudflare.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.landfall.cloudflare.api.BulkWriteResult;
import dev.landfall.cloudflare.api.CloudflareClient;
import dev.landfall.core.error.ErrorKind;
import dev.landfall.core.error.LandfallException;
import dev.landfall.core.model.Entry;
import dev.landfall.core.model.Key;
import dev.landfall.core.model.KvNamespace;
import dev.landfall.core.spi.RefusedValue;
import dev.landfall.core.spi.WriteMode;
import dev.landfall.core.time.FakeClock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The bulk writer's requests: batching by count and size, the item shape, expirations, deletes, resends. */
class KvBulkWriterTest {
    private static final KvNamespace SOURCE = new KvNamespace("0f2ac74b498b48028cb68387c421e279", "SESSIONS");
    private static final KvNamespace TARGET = new KvNamespace("9a8b7c6d5e4f30211203f4e5d6c7b8a9", "SESSIONS-BACK");
    private static final long NOW = 1_800_000_000L;

    private final FakeClock clock = new FakeClock(Instant.ofEpochSecond(NOW));
    private final RecordingKvBulkApi api = new RecordingKvBulkApi();
    private final List<RefusedValue> refused = new ArrayList<>();
    private final List<KvWrites> counts = new ArrayList<>();

    private KvBulkWriter writer(WriteMode mode) {
        return KvBulkWriter.withCloudflareLimits(api, SOURCE, TARGET, mode, clock, refused::add, counts::add);
    }

    private KvBulkWriter writer(int maxPairs, long maxBytes) {
        return new KvBulkWriter(
                api, SOURCE, TARGET, WriteMode.UPSERT, clock, maxPairs, maxBytes, refused::add, counts::add);
    }

    private static Entry text(String key, String value) {
        return new Entry(SOURCE, Key.of(key), value.getBytes(StandardCharsets.UTF_8), null, null);
    }

    @Test
    void aBatchOverTenThousandPairsIsSplitIntoRequestsOfAtMostTenThousand() throws IOException {
        try (KvBulkWriter w = writer(WriteMode.UPSERT)) {
            for (int i = 0; i < 25_001; i++) {
                w.put(text(String.format("k%06d", i), "v" + i));
            }
            assertEquals(List.of(), api.writes, "nothing is sent before flush");
            w.flush();
        }
        assertEquals(
                List.of(10_000, 10_000, 5_001),
                api.writes.stream().map(x -> x.items().size()).toList());
        List<String> expected = IntStream.range(0, 25_001)
                .mapToObj(i -> String.format("k%06d", i))
                .toList();
        assertEquals(expected, api.writtenKeys(), "every pair once, in order");
        assertTrue(api.writes.stream().allMatch(x -> x.namespaceId().equals(TARGET.namespaceId())));
    }

    @Test
    void requestsCloseAtTheByteLimitBeforeTheCountLimit() throws IOException {
        String value = "x".repeat(300);
        try (KvBulkWriter w = writer(10_000, 1_000)) {
            for (int i = 0; i < 10; i++) {
                w.put(text("key-" + i, value));
            }
            w.flush();
        }
        assertTrue(api.writes.size() >= 4, "about three 320-byte items fit 1,000 bytes: " + api.writes.size());
        assertTrue(api.writes.stream().allMatch(x -> x.bodyBytes() <= 1_000), "no body over the limit");
        assertEquals(10, api.writtenKeys().size());
    }

    @Test
    void cloudflaresLimitsAreTenThousandPairsAndOneHundredMegabytes() {
        assertEquals(10_000, CloudflareClient.MAX_BULK_WRITE_ITEMS);
        assertEquals(100_000_000L, CloudflareClient.MAX_BULK_WRITE_BYTES);
    }

    @Test
    void anItemLargerThanARequestMayBeIsRefusedNotSentBroken() {
        try (KvBulkWriter w = writer(10, 100)) {
            assertThrows(IllegalArgumentException.class, () -> w.put(text("big", "y".repeat(200))));
        }
    }

    @Test
    void textIsSentAsTextBinaryAsBase64AndMetadataAndExpirationExactly() throws IOException {
        byte[] binary = {0, (byte) 0xff, (byte) 0xfe, 'a', (byte) 0x80};
        long expiration = NOW + 3600;
        try (KvBulkWriter w = writer(WriteMode.UPSERT)) {
            w.put(new Entry(SOURCE, Key.of("bin"), binary, "{\"a\":1,\"b\":[true,null]}", expiration));
            w.put(text("txt", "héllo 😀"));
            w.flush();
        }
        List<JsonNode> items = api.writes.get(0).items();
        JsonNode bin = items.get(0);
        assertTrue(bin.get("base64").asBoolean());
        assertArrayEquals(binary, Base64.getDecoder().decode(bin.get("value").asText()));
        assertEquals("{\"a\":1,\"b\":[true,null]}", bin.get("metadata").toString());
        assertEquals(expiration, bin.get("expiration").asLong());
        assertFalse(bin.has("expiration_ttl"), "an absolute expiration, never a TTL that would shift it");
        JsonNode txt = items.get(1);
        assertEquals("héllo 😀", txt.get("value").asText());
        assertFalse(txt.has("base64"));
        assertFalse(txt.has("metadata"));
        assertFalse(txt.has("expiration"));
    }

    @Test
    void anEntryExpiringWithinTheMinuteIsNotSentButReportedByKey() throws IOException {
        long soon = NOW + 30;
        long later = NOW + 60 + KvBulkWriter.EXPIRY_MARGIN_SECONDS;
        try (KvBulkWriter w = writer(WriteMode.UPSERT)) {
            w.put(new Entry(SOURCE, Key.of("soon"), new byte[] {1}, null, soon));
            w.put(new Entry(SOURCE, Key.of("later"), new byte[] {2}, null, later));
            w.flush();
        }
        assertEquals(List.of("later"), api.writtenKeys());
        assertEquals(later, api.writes.get(0).items().get(0).get("expiration").asLong(), "not altered");
        assertEquals(1, refused.size());
        RefusedValue r = refused.get(0);
        assertEquals("soon", r.key());
        assertEquals(SOURCE, r.scope());
        assertEquals("expires-too-soon", r.reason());
        assertTrue(r.description().contains("60 s"), r.description());
        assertEquals(1, counts.stream().mapToLong(KvWrites::refused).sum());
    }

    @Test
    void mirrorDeletesGoAsBulkDeletesOfAtMostTenThousandKeys() throws IOException {
        try (KvBulkWriter w = writer(WriteMode.MIRROR)) {
            w.put(text("kept", "v"));
            for (int i = 0; i < 10_001; i++) {
                w.delete(Key.of("gone-" + i));
            }
            w.flush();
        }
        assertEquals(List.of("kept"), api.writtenKeys());
        assertEquals(List.of(10_000, 1), api.deletes.stream().map(List::size).toList());
        assertEquals("gone-0", api.deletes.get(0).get(0));
        assertEquals(10_001, counts.stream().mapToLong(KvWrites::deletes).sum());
    }

    @Test
    void deleteNeedsMirrorMode() {
        try (KvBulkWriter w = writer(WriteMode.UPSERT)) {
            assertThrows(IllegalStateException.class, () -> w.delete(Key.of("k")));
        }
    }

    @Test
    void keysCloudflareDidNotTakeAreSentAgainAlone() throws IOException {
        api.writeAnswer = w -> api.writes.size() == 1 ? new BulkWriteResult(2, List.of("b")) : BulkWriteResult.ALL;
        try (KvBulkWriter w = writer(WriteMode.UPSERT)) {
            w.put(text("a", "1"));
            w.put(text("b", "2"));
            w.put(text("c", "3"));
            w.flush();
        }
        assertEquals(List.of("a", "b", "c", "b"), api.writtenKeys());
    }

    @Test
    void keysNeverTakenEndTheFlushWithAnErrorARerunHeals() throws IOException {
        api.writeAnswer = w -> new BulkWriteResult(0, List.of("a"));
        try (KvBulkWriter w = writer(WriteMode.UPSERT)) {
            w.put(text("a", "1"));
            LandfallException e = assertThrows(LandfallException.class, w::flush);
            assertEquals(ErrorKind.TRANSIENT, e.kind());
            assertTrue(
                    e.getMessage().contains("'SESSIONS-BACK'") || e.getMessage().contains(TARGET.namespaceId()));
            assertEquals(1 + KvBulkWriter.RESENDS, api.writes.size());
        }
    }

    @Test
    void aFlushWithNothingBufferedSendsNothing() throws IOException {
        try (KvBulkWriter w = writer(WriteMode.MIRROR)) {
            w.flush();
            w.flush();
        }
        assertEquals(List.of(), api.writes);
        assertEquals(List.of(), api.deletes);
    }
}
