package dev.landfall.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
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
    void writesOneCodePointAtAnOffsetLikeTheJdk() {
        for (int cp :
                new int[] {0, 'a', 0x7f, 0x80, 0xe9, 0x7ff, 0x800, 0x20ac, 0xfffd, 0xffff, 0x10000, 0x1f600, 0x10ffff
                }) {
            byte[] want = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8);
            byte[] out = new byte[want.length + 2];
            assertEquals(1 + want.length, Utf8.write(cp, out, 1), Integer.toHexString(cp));
            assertArrayEquals(want, Arrays.copyOfRange(out, 1, 1 + want.length), Integer.toHexString(cp));
        }
    }

    @Test
    void refusesLoneSurrogates() {
        char[] lone = {'a', '\ud83d', 'b'};
        assertThrows(IllegalArgumentException.class, () -> Utf8.encode(lone, 0, 3));
        char[] trailing = {'a', '\ude00'};
        assertThrows(IllegalArgumentException.class, () -> Utf8.encode(trailing, 0, 2));
    }

    @Test
    void textIsTheDecodedStringOnlyForWellFormedBytes() {
        assertEquals(Optional.of("aé😀"), Utf8.text("aé😀".getBytes(StandardCharsets.UTF_8)));
        assertEquals(Optional.of(""), Utf8.text(new byte[0]));
        assertEquals(Optional.empty(), Utf8.text(new byte[] {'a', (byte) 0xff}));
        assertEquals(Optional.empty(), Utf8.text(new byte[] {(byte) 0xc0, (byte) 0xaf})); // overlong '/'
        assertEquals(Optional.empty(), Utf8.text(new byte[] {(byte) 0xed, (byte) 0xa0, (byte) 0x80})); // surrogate
    }
}
