package dev.landfall.core.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PercentDecodingTest {
    @Test
    void aPathKeepsPlusAndSlashAndEncodesRawCharactersAsUtf8() {
        assertArrayEquals("a+b/c/d e".getBytes(StandardCharsets.UTF_8), PercentDecoding.path("a+b%2Fc/d%20e"));
        assertArrayEquals("ü😀|".getBytes(StandardCharsets.UTF_8), PercentDecoding.path("ü😀|"));
        assertArrayEquals(new byte[] {(byte) 0xff}, PercentDecoding.path("%FF"));
    }

    @Test
    void aQueryIsFormStyleAndKeepsTheFirstValueOfEachName() {
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("prefix", "a b+");
        expected.put("limit", "10");
        expected.put("flag", "");
        expected.put("cursor", "");
        Map<String, String> q = PercentDecoding.query("prefix=a+b%2B&limit=10&prefix=second&flag&&cursor=");
        assertEquals(List.copyOf(expected.entrySet()), List.copyOf(q.entrySet()));
        assertTrue(PercentDecoding.query(null).isEmpty());
    }

    @Test
    void aMalformedEscapeOrNonUtf8QueryIsMalformedWithTheFix() {
        for (String raw : List.of("100%zz", "%", "%4", "a%g1")) {
            PercentDecoding.Malformed e =
                    assertThrows(PercentDecoding.Malformed.class, () -> PercentDecoding.path(raw), raw);
            assertTrue(e.getMessage().contains("write % as %25"), e.getMessage());
        }
        PercentDecoding.Malformed e =
                assertThrows(PercentDecoding.Malformed.class, () -> PercentDecoding.query("prefix=%FF"));
        assertTrue(e.getMessage().contains("not valid UTF-8"), e.getMessage());
    }
}
