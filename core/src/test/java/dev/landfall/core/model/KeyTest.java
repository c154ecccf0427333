package dev.landfall.core.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class KeyTest {
    @Test
    void keysOrderByUnsignedUtf8Bytes() {
        List<String> expected = List.of("", "A", "a", "a\u0000", "ab", "b", "\u007f", "é", "\uffff", "😀");
        List<Key> keys = new ArrayList<>(expected.stream().map(Key::of).toList());
        Collections.shuffle(keys, new Random(5));
        Collections.sort(keys);
        assertEquals(expected, keys.stream().map(Key::text).toList());
        assertTrue(Key.of("a").compareTo(Key.of("b")) < 0);
        assertTrue(Key.of("b").compareTo(Key.of("é")) < 0);
        assertTrue(Key.of("é").compareTo(Key.of("😀")) < 0);
        // UTF-16 (String.compareTo) disagrees for supplementary characters; bytes decide.
        assertTrue("😀".compareTo("\uff21") < 0);
        assertTrue(Key.of("😀").compareTo(Key.of("\uff21")) > 0);
    }

    @Test
    void bytesCompareUnsigned() {
        assertTrue(Key.ofBytes(new byte[] {(byte) 0x80}).compareTo(Key.ofBytes(new byte[] {0x7f})) > 0);
        assertTrue(Key.ofBytes(new byte[] {(byte) 0xff}).compareTo(Key.ofBytes(new byte[] {(byte) 0xfe, 0})) > 0);
    }

    @Test
    void endOfPrefixIsTheLeastKeyAboveEveryKeyWithThePrefix() {
        assertArrayEquals(new byte[] {'a', 'c'}, Key.endOfPrefix(new byte[] {'a', 'b'}));
        assertArrayEquals(new byte[] {'b'}, Key.endOfPrefix(new byte[] {'a', (byte) 0xff, (byte) 0xff}));
        assertArrayEquals(new byte[] {(byte) 0x81}, Key.endOfPrefix(new byte[] {(byte) 0x80}));
        assertNull(Key.endOfPrefix(new byte[0]));
        assertNull(Key.endOfPrefix(new byte[] {(byte) 0xff}));
        byte[] end = Key.endOfPrefix("é".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertTrue(Key.of("é\uffff😀").compareTo(Key.ofBytes(end)) < 0);
        assertTrue(Key.of("ê").compareTo(Key.ofBytes(end)) >= 0);
    }

    @Test
    void equalityIsByBytes() {
        Key a = Key.of("é");
        Key b = Key.ofBytes(new byte[] {(byte) 0xc3, (byte) 0xa9});
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertEquals(0, a.compareTo(b));
        assertEquals(2, a.size());
        assertNotEquals(Key.of("e"), a);
    }
}
