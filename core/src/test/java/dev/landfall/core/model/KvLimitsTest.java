package dev.landfall.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Workers KV's limits, at their edges (shared/reference/cloudflare-api.md §2.10, §2.11). */
class KvLimitsTest {
    private static final KvNamespace KV = new KvNamespace("ns", "NS");
    private static final DurableObject DO = new DurableObject("ns", "obj");

    @Test
    void keysAreOneTo512BytesOfUtf8AndNotDotOrDotDot() {
        assertEquals(Optional.empty(), KvLimits.keyViolation(Key.of("k")));
        assertEquals(Optional.empty(), KvLimits.keyViolation(Key.of("k".repeat(512))));
        assertEquals(Optional.empty(), KvLimits.keyViolation(Key.of("...")));
        assertEquals(Optional.empty(), KvLimits.keyViolation(Key.of("./.")));
        assertViolation("the key is empty", KvLimits.keyViolation(Key.of("")));
        assertViolation(
                "the key is 513 bytes, over Workers KV's limit of 512", KvLimits.keyViolation(Key.of("k".repeat(513))));
        // 171 three-byte characters: 513 bytes though only 171 characters.
        assertViolation("513 bytes", KvLimits.keyViolation(Key.of("€".repeat(171))));
        assertViolation("'.'", KvLimits.keyViolation(Key.of(".")));
        assertViolation("'..'", KvLimits.keyViolation(Key.of("..")));
    }

    @Test
    void valuesAreAtMost25MiB() {
        assertEquals(Optional.empty(), KvLimits.violation(entry(new byte[KvLimits.MAX_VALUE_BYTES], null)));
        assertViolation(
                "the value is 26214401 bytes, over Workers KV's limit of 26214400 bytes",
                KvLimits.violation(entry(new byte[KvLimits.MAX_VALUE_BYTES + 1], null)));
    }

    @Test
    void metadataIsAtMost1024BytesSerializedCompactly() {
        String fits = "{\"a\":\"" + "x".repeat(1024 - 8) + "\"}";
        assertEquals(1024, fits.getBytes(StandardCharsets.UTF_8).length);
        assertEquals(Optional.empty(), KvLimits.violation(entry(new byte[0], fits)));
        assertEquals(
                Optional.empty(),
                KvLimits.violation(entry(new byte[0], "{ \"a\" :  \"" + "x".repeat(1024 - 8) + "\" }")),
                "whitespace a store adds does not count");
        assertViolation(
                "the metadata is 1025 bytes serialized, over Workers KV's limit of 1024 bytes",
                KvLimits.violation(entry(new byte[0], "{\"a\":\"" + "x".repeat(1024 - 7) + "\"}")));
        assertViolation(
                "the metadata is 1026 bytes",
                KvLimits.violation(entry(new byte[0], "{\"a\":\"" + "é".repeat(509) + "\"}")));
    }

    @Test
    void metadataOutsideTheBasicPlaneIsMeasuredAsTheGeneratorWritesIt() {
        // One character, four bytes of UTF-8 in the text: the generator writes its two surrogates
        // as escapes, 12 bytes, so 85 of them are over the limit though the text is 348 bytes.
        String emoji = "\uD83D\uDE00";
        assertEquals(Optional.empty(), KvLimits.violation(entry(new byte[0], "{\"a\":\"" + emoji.repeat(84) + "\"}")));
        assertViolation(
                "the metadata is 1028 bytes",
                KvLimits.violation(entry(new byte[0], "{\"a\":\"" + emoji.repeat(85) + "\"}")));
    }

    @Test
    void metadataWrittenLongerThanItsCompactFormIsMeasuredCompact() {
        // Escapes that compact JSON writes shorter: 6 bytes each as written, 1 byte compact.
        String escaped = "{\"a\":\"" + "\\u0041".repeat(200) + "\"}";
        assertTrue(escaped.length() > KvLimits.MAX_METADATA_BYTES);
        assertEquals(Optional.empty(), KvLimits.violation(entry(new byte[0], escaped)));
    }

    @Test
    void durableObjectEntriesAreNotHeldToKvLimits() {
        assertEquals(Optional.empty(), KvLimits.violation(new Entry(DO, Key.of(""), new byte[0], null, null)));
        assertEquals(
                Optional.empty(), KvLimits.violation(new Entry(DO, Key.of("k".repeat(600)), new byte[0], null, null)));
    }

    @Test
    void ttlsAreAtLeast60Seconds() {
        assertEquals(Optional.empty(), KvLimits.ttlViolation(60));
        assertViolation("expiration_ttl 59 is under Workers KV's minimum of 60 seconds", KvLimits.ttlViolation(59));
    }

    private static Entry entry(byte[] value, String metadata) {
        return new Entry(KV, Key.of("k"), value, metadata, null);
    }

    private static void assertViolation(String expected, Optional<String> actual) {
        assertTrue(actual.isPresent(), "a violation: " + expected);
        assertTrue(actual.get().contains(expected), actual.get());
    }
}
