package dev.landfall.sandbox.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The WHATWG UTF-8 decoder: one U+FFFD per maximal subpart, and validity as the standard has it. */
class WhatwgUtf8Test {

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({
        // hex bytes, expected text with '~' for U+FFFD
        "ED A0 80, ~~~", // an encoded surrogate: the JDK decoder writes one
        "ED 9F BF, \uD7FF",
        "C0 AF, ~~", // overlong
        "E0 80 AF, ~~~", // overlong, three bytes
        "F0 80 80 AF, ~~~~",
        "F4 90 80 80, ~~~~", // above U+10FFFF
        "F0 9F 98, ~", // truncated emoji: one maximal subpart
        "F0 9F 98 41, ~A",
        "80 41, ~A",
        "FE FF, ~~",
        "E2 82, ~",
        "61 F1 80 80 E1 80 C2 62 80 63 80 BF 64, a~~~b~c~~d", // Unicode Table 3-8
        "F0 9F 98 80, \uD83D\uDE00",
        "EF BF BD, ~" // a real U+FFFD is valid, and decodes to itself
    })
    void replacesEachMaximalSubpart(String hex, String expected) {
        byte[] bytes = HexFormat.of().parseHex(hex.replace(" ", ""));
        assertEquals(expected.replace('~', '\uFFFD'), WhatwgUtf8.decode(bytes));
        boolean valid = !expected.contains("~") || hex.equals("EF BF BD");
        assertEquals(valid, WhatwgUtf8.isValid(bytes), hex);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "plain ASCII", "é ☕ 😀 \u0000"})
    void validTextRoundTrips(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        assertEquals(text, WhatwgUtf8.decode(bytes));
        assertTrue(WhatwgUtf8.isValid(bytes));
    }
}
