package dev.landfall.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class EntryTest {
    static final KvNamespace KV = new KvNamespace("ns", "NS");

    @Test
    void entriesWithEqualContentAreEqual() {
        Entry a = new Entry(KV, Key.of("k"), new byte[] {1, 2, 3}, "{\"m\":1}", 10L);
        Entry b = new Entry(new KvNamespace("ns", "NS"), Key.of("k"), new byte[] {1, 2, 3}, "{\"m\":1}", 10L);
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
    }

    @Test
    void everyFieldCounts() {
        Entry a = new Entry(KV, Key.of("k"), new byte[] {1}, null, null);
        assertNotEquals(a, new Entry(KV, Key.of("k2"), new byte[] {1}, null, null));
        assertNotEquals(a, new Entry(KV, Key.of("k"), new byte[] {2}, null, null));
        assertNotEquals(a, new Entry(KV, Key.of("k"), new byte[] {1}, "{}", null));
        assertNotEquals(a, new Entry(KV, Key.of("k"), new byte[] {1}, null, 1L));
        assertNotEquals(a, new Entry(new DurableObject("ns", "o"), Key.of("k"), new byte[] {1}, null, null));
    }

    @Test
    void toStringShowsSizeNotValue() {
        Entry e = new Entry(KV, Key.of("k"), "secret-value".getBytes(), null, null);
        assertTrue(e.toString().contains("12 bytes"));
        assertFalse(e.toString().contains("secret-value"));
    }

    @Test
    void expiry() {
        Entry e = new Entry(KV, Key.of("k"), new byte[0], null, 100L);
        assertTrue(e.expiredAt(100));
        assertFalse(e.expiredAt(99));
        assertFalse(new Entry(KV, Key.of("k"), new byte[0], null, null).expiredAt(Long.MAX_VALUE));
        assertThrows(NullPointerException.class, () -> new Entry(KV, Key.of("k"), null, null, null));
    }
}
