package dev.landfall.core.digest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import dev.landfall.core.error.ErrorKind;
import dev.landfall.core.error.LandfallException;
import dev.landfall.core.model.Entry;
import dev.landfall.core.model.Key;
import dev.landfall.core.model.KvNamespace;
import dev.landfall.core.store.OneByteInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ScopeDigestTest {
    static final KvNamespace KV = new KvNamespace("ns", "NS");
    static final String EXAMPLE_SUM = "21688556b902e385648a2033271657baa8e5ac4a72d3a8b526796d4937506edd";

    @Test
    void workedExampleMatchesTheSpecification() throws IOException {
        ScopeDigest d = ScopeDigest.accumulator()
                .add(EntryDigestTest.EXAMPLE_1)
                .add(EntryDigestTest.EXAMPLE_2)
                .toDigest();
        assertEquals(2, d.count());
        assertEquals(EXAMPLE_SUM, d.sumHex()); // the sum wraps around 2^256
        assertEquals(0xea, ScopeDigest.bucketOf(Key.of("user:42")));
        assertEquals(0x20, ScopeDigest.bucketOf(Key.of("user:7")));
        assertEquals(1, d.bucketCount(0xea));
        assertEquals(EntryDigestTest.EXAMPLE_1_DIGEST, d.bucketSumHex(0xea));
        assertEquals(EntryDigestTest.EXAMPLE_2_DIGEST, d.bucketSumHex(0x20));
        String json = "{\"count\":2,\"sum\":\"" + EXAMPLE_SUM + "\",\"buckets\":{\"20\":{\"count\":1,\"sum\":\""
                + EntryDigestTest.EXAMPLE_2_DIGEST + "\"},\"ea\":{\"count\":1,\"sum\":\""
                + EntryDigestTest.EXAMPLE_1_DIGEST + "\"}}}";
        assertEquals(json, d.toJson());
        assertTrue(
                java.nio.file.Files.readString(EntryDigestTest.specification()).contains(EXAMPLE_SUM));
    }

    @Test
    void orderDoesNotMatter() {
        List<Entry> entries = entries(300);
        ScopeDigest expected = digest(entries);
        for (long seed = 1; seed <= 3; seed++) {
            List<Entry> shuffled = new ArrayList<>(entries);
            Collections.shuffle(shuffled, new Random(seed));
            assertEquals(expected, digest(shuffled));
            assertEquals(expected.hashCode(), digest(shuffled).hashCode());
        }
    }

    @Test
    void removeUndoesAdd() {
        List<Entry> entries = entries(20);
        ScopeDigest.Accumulator acc = ScopeDigest.accumulator();
        entries.forEach(acc::add);
        entries.forEach(acc::remove);
        assertEquals(ScopeDigest.EMPTY, acc.toDigest());
        assertEquals(0, acc.count());
    }

    @Test
    void digestsOfDisjointSetsAddUp() {
        List<Entry> entries = entries(50);
        ScopeDigest all = digest(entries);
        ScopeDigest.Accumulator acc = ScopeDigest.accumulator();
        entries.subList(0, 20).forEach(acc::add);
        acc.addAll(digest(entries.subList(20, 50)));
        assertEquals(all, acc.toDigest());
    }

    @Test
    void bucketsAreTheFirstByteOfTheKeysSha256() {
        for (Entry e : entries(50)) {
            int expected = EntryDigest.newSha256().digest(e.key().bytes())[0] & 0xff;
            assertEquals(expected, ScopeDigest.bucketOf(e.key()));
        }
        ScopeDigest d = digest(entries(1000));
        long total = 0;
        for (int b = 0; b < ScopeDigest.BUCKETS; b++) {
            total += d.bucketCount(b);
        }
        assertEquals(1000, total);
    }

    @Test
    void differingBucketsPointAtTheChangedKeys() {
        List<Entry> entries = entries(500);
        ScopeDigest before = digest(entries);
        List<Entry> changed = new ArrayList<>(entries);
        Entry old = changed.get(123);
        changed.set(123, new Entry(KV, old.key(), "changed".getBytes(StandardCharsets.UTF_8), null, null));
        Entry extra = new Entry(KV, Key.of("extra"), new byte[0], null, null);
        changed.add(extra);
        ScopeDigest after = digest(changed);
        assertNotEquals(before, after);
        List<Integer> expected =
                new ArrayList<>(List.of(ScopeDigest.bucketOf(old.key()), ScopeDigest.bucketOf(extra.key())));
        Collections.sort(expected);
        assertEquals(expected.stream().distinct().toList(), before.differingBuckets(after));
        assertEquals(List.of(), before.differingBuckets(digest(entries)));
    }

    @Test
    void jsonRoundTrips() {
        ScopeDigest d = digest(entries(300));
        assertEquals(d, ScopeDigest.fromJson(d.toJson()));
        assertEquals(ScopeDigest.EMPTY, ScopeDigest.fromJson(ScopeDigest.EMPTY.toJson()));
        assertEquals("{\"count\":0,\"sum\":\"" + "0".repeat(64) + "\",\"buckets\":{}}", ScopeDigest.EMPTY.toJson());
    }

    @Test
    void readsJsonDeliveredOneByteAtATime() throws IOException {
        ScopeDigest d = digest(entries(40));
        byte[] json = ("  " + d.toJson() + " ").getBytes(StandardCharsets.UTF_8);
        try (JsonParser p = new JsonFactory().createParser(new OneByteInputStream(new ByteArrayInputStream(json)))) {
            assertEquals(d, ScopeDigest.readJson(p));
        }
    }

    @Test
    void inconsistentJsonIsRejected() {
        ScopeDigest d = digest(entries(3));
        String json = d.toJson();
        String wrongSum = json.replaceFirst("\"sum\":\"[0-9a-f]{64}\"", "\"sum\":\"" + "1".repeat(64) + "\"");
        String wrongCount = json.replaceFirst("\"count\":3", "\"count\":4");
        String upper = json.replace(d.sumHex(), d.sumHex().toUpperCase());
        for (String bad : List.of(
                wrongSum,
                wrongCount,
                upper,
                "{\"count\":0}",
                "{\"count\":0,\"sum\":\"" + "0".repeat(64) + "\",\"buckets\":{},\"extra\":1}",
                "[]",
                "{\"count\":-1,\"sum\":\"" + "0".repeat(64) + "\"}")) {
            LandfallException e = assertThrows(LandfallException.class, () -> ScopeDigest.fromJson(bad), bad);
            assertEquals(ErrorKind.FAILED, e.kind());
        }
    }

    static List<Entry> entries(int n) {
        List<Entry> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new Entry(
                    KV,
                    Key.of("k" + i),
                    ("v" + i).getBytes(StandardCharsets.UTF_8),
                    i % 2 == 0 ? "{\"i\":" + i + "}" : null,
                    i % 3 == 0 ? (long) i : null));
        }
        return out;
    }

    static ScopeDigest digest(List<Entry> entries) {
        ScopeDigest.Accumulator acc = ScopeDigest.accumulator();
        entries.forEach(acc::add);
        return acc.toDigest();
    }
}
