package dev.landfall.core.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class VisibleTextTest {
    static final String HOSTILE = "evil\u001b]0;pwned\u0007\u001b[2J\u202Etitle\u0000";

    @Test
    void escapeSequencesBellNulAndOverridesBecomeVisible() {
        String v = VisibleText.of(HOSTILE);
        assertEquals("evil\\u001b]0;pwned\\u0007\\u001b[2J\\u202etitle\\u0000", v);
        assertTrue(RawControls.first(v).isEmpty(), v);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "SESSIONS",
                "sessions-prod_2024",
                "Sitzungen für Köln",
                "会话 セッション",
                "сессии",
                "جلسات",
                "נתונים",
                "ok 🎉 done",
                "👩‍💻 dev",
                "🏳️‍🌈 flags 🇩🇪",
                "\uD83C\uDFF4\uDB40\uDC67\uDB40\uDC62\uDB40\uDC73\uDB40\uDC63\uDB40\uDC74\uDB40\uDC7F scotland",
                "می‌خواهم",
                "a\\u001b literal backslash",
                "quotes \" and ' and <b>&"
            })
    void ordinaryTextIsTheSameInstance(String text) {
        assertSame(text, VisibleText.of(text));
    }

    @Test
    void everyControlAndDirectionalCharacterIsEscaped() {
        int[] unsafe = {
            0x00, 0x07, 0x08, 0x09, 0x0a, 0x0d, 0x1b, 0x1f, 0x7f, 0x80, 0x85, 0x9b, 0x9d, 0x9f, 0x061c, 0x200b, 0x200e,
            0x200f, 0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2028, 0x2029, 0x2066, 0x2067, 0x2068, 0x2069, 0xfeff,
            0x00ad
        };
        for (int cp : unsafe) {
            String s = "a" + new String(Character.toChars(cp)) + "b";
            String v = VisibleText.of(s);
            assertTrue(VisibleText.isUnsafe(cp), Integer.toHexString(cp));
            assertFalse(v.codePoints().anyMatch(c -> c == cp), Integer.toHexString(cp) + " stays: " + v);
            assertTrue(v.startsWith("a\\") && v.endsWith("b"), v);
        }
        assertEquals("tab\\tnew\\nline\\rend", VisibleText.of("tab\tnew\nline\rend"));
        assertEquals("\\u001b\\u009b", VisibleText.of("\u001b\u009b"));
    }

    @Test
    void loneSurrogatesAreEscapedAndPairsKept() {
        assertEquals("a\\ud800b", VisibleText.of("a\uD800b"));
        assertEquals("a\\udc00", VisibleText.of("a\uDC00"));
        assertEquals("\\ud83d", VisibleText.of("\uD83D"));
        assertEquals("\uD83D\uDE00\\ude00", VisibleText.of("\uD83D\uDE00\uDE00"));
    }

    @Test
    void aSupplementaryFormatCharacterIsEscapedAsItsTwoUnits() {
        // U+E0001 LANGUAGE TAG: deprecated, invisible, and not one of the tags flags use.
        assertEquals("x\\udb40\\udc01", VisibleText.of("x\uDB40\uDC01"));
    }

    @Test
    void escapingTwiceChangesNothing() {
        String once = VisibleText.of(HOSTILE);
        assertSame(once, VisibleText.of(once));
    }
}
