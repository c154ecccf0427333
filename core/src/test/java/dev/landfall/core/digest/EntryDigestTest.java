package dev.landfall.core.digest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.landfall.core.error.ErrorKind;
import dev.landfall.core.error.LandfallException;
import dev.landfall.core.model.Entry;
import dev.landfall.core.model.Key;
import dev.landfall.core.model.KvNamespace;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class EntryDigestTest {
    static final KvNamespace KV = new KvNamespace("ns", "NS");

    /** The worked example of docs/bundle-format.md, section "Digests" (computed independently in Python). */
    static final Entry EXAMPLE_1 = new Entry(
            KV,
            Key.of("user:42"),
            "héllo".getBytes(StandardCharsets.UTF_8),
            "{ \"b\": [true, null], \"a\": 1.50 }",
            1_900_000_000L);

    static final String EXAMPLE_1_ENCODING = "4c46453100000007757365723a3432000000000000000668c3a96c6c6f010000001b"
            + "7b2261223a3135652d312c2262223a5b747275652c6e756c6c5d7d0100000000713fb300";
    static final String EXAMPLE_1_DIGEST = "65f50df9e3f0bc85c4758684edfd44b5ed07a83e390520db9e63327261a3b0d8";
    static final Entry EXAMPLE_2 = new Entry(KV, Key.of("user:7"), new byte[] {0x00, (byte) 0xff}, null, null);
    static final String EXAMPLE_2_DIGEST = "bb73775cd51226ffa01499ae39191304bbde040c39ce87d988163ad6d5acbe05";

    @Test
    void workedExampleMatchesTheSpecification() throws IOException {
        assertEquals("{\"a\":15e-1,\"b\":[true,null]}", CanonicalJson.canonicalize(EXAMPLE_1.metadataJson()));
        assertEquals(EXAMPLE_1_DIGEST, EntryDigest.of(EXAMPLE_1).hex());
        assertEquals(EXAMPLE_2_DIGEST, EntryDigest.of(EXAMPLE_2).hex());

        String spec = Files.readString(specification());
        for (String vector : new String[] {EXAMPLE_1_DIGEST, EXAMPLE_2_DIGEST, "{\"a\":15e-1,\"b\":[true,null]}"}) {
            assertTrue(spec.contains(vector), "docs/bundle-format.md shows " + vector);
        }
        assertTrue(
                spec.replaceAll("[\\s`]", "").contains(EXAMPLE_1_ENCODING), "docs/bundle-format.md shows the encoding");
    }

    @Test
    void theEncodingIsTheDocumentedOne() {
        byte[] encoding = java.util.HexFormat.of().parseHex(EXAMPLE_1_ENCODING);
        assertEquals(
                EXAMPLE_1_DIGEST,
                java.util.HexFormat.of().formatHex(EntryDigest.newSha256().digest(encoding)));
    }

    @Test
    void canonicallyEqualMetadataDigestsEqual() {
        Entry a = new Entry(KV, Key.of("k"), bytes("v"), "{\"a\":1,\"b\":2}", null);
        Entry b = new Entry(KV, Key.of("k"), bytes("v"), "{ \"b\":2, \"a\":1 }", null);
        Entry c = new Entry(KV, Key.of("k"), bytes("v"), "{\"a\":1.0,\"b\":2e0}", null);
        assertEquals(EntryDigest.of(a), EntryDigest.of(b));
        assertEquals(EntryDigest.of(a), EntryDigest.of(c));
        assertNotEquals(
                EntryDigest.of(a), EntryDigest.of(new Entry(KV, Key.of("k"), bytes("v"), "{\"a\":1,\"b\":3}", null)));
    }

    @Test
    void fieldsNeverRunTogether() {
        assertNotEquals(digest("ab", "c", null, null), digest("a", "bc", null, null));
        assertNotEquals(digest("k", "", null, null), digest("k", "", "null", null));
        assertNotEquals(digest("k", "v", null, null), digest("k", "v", null, 0L));
        assertNotEquals(digest("k", "v", "1", null), digest("k", "v", null, 1L));
        assertNotEquals(digest("k", "", "{}", null), digest("k", "{}", null, null));
    }

    @Test
    void theScopeIsNotPartOfTheDigest() {
        Entry a = new Entry(KV, Key.of("k"), bytes("v"), null, 5L);
        Entry b = new Entry(new KvNamespace("other", "OTHER"), Key.of("k"), bytes("v"), null, 5L);
        assertEquals(EntryDigest.of(a), EntryDigest.of(b));
    }

    @Test
    void metadataThatIsNotJsonFailsNamingTheKey() {
        Entry bad = new Entry(KV, Key.of("broken-meta"), bytes("v"), "{\"a\":", null);
        LandfallException e = assertThrows(LandfallException.class, () -> EntryDigest.of(bad));
        assertEquals(ErrorKind.FAILED, e.kind());
        assertTrue(e.getMessage().contains("broken-meta"), e.getMessage());
    }

    @Test
    void hexRoundTrips() {
        EntryDigest d = EntryDigest.of(EXAMPLE_1);
        assertEquals(d, EntryDigest.fromHex(d.hex()));
        assertEquals(d.hashCode(), EntryDigest.fromHex(d.hex()).hashCode());
        assertEquals(32, d.toBytes().length);
        assertThrows(IllegalArgumentException.class, () -> EntryDigest.fromHex("abcd"));
    }

    private static EntryDigest digest(String key, String value, String metadata, Long expiration) {
        return EntryDigest.of(new Entry(KV, Key.of(key), bytes(value), metadata, expiration));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** docs/bundle-format.md, found from the module or the project directory. */
    static Path specification() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("docs/bundle-format.md");
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new AssertionError(
                "docs/bundle-format.md not found above " + Path.of("").toAbsolutePath());
    }
}
