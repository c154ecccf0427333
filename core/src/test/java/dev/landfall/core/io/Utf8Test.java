package dev.landfall.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class Utf8Test {
    @Test
    void encodesLikeTheJdkForValidText() {
        for (String s : new String[] {"", "ascii only", "é", "aé😀Ａ", "x".repeat(100) + "€", "😀"}) {
            char[] padded = ("<" + s + ">").toCharArray();
            assertArrayEquals(s.getBytes(StandardCharsets.UTF_8), Utf8.encode(padded, 1, s.length()), s);
        }
    }

    @Test
    void refusesLoneSurrogates() {
        char[] lone = {'a', '\ud83d', 'b'};
        assertThrows(IllegalArgumentException.class, () -> Utf8.encode(lone, 0, 3));
        char[] trailing = {'a', '\ude00'};
        assertThrows(IllegalArgumentException.class, () -> Utf8.encode(trailing, 0, 2));
    }
}
