package dev.landfall.core.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.landfall.core.error.LandfallException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link CanonicalTypedJson} may only vouch for bytes that decoding and encoding again would give
 * back unchanged: checked on the shared vectors, on inputs the decoder normalizes or refuses, and
 * on many seeded mutations of the vectors.
 */
class CanonicalTypedJsonTest {
    private static VectorFile file;

    private final TypedJsonDecoder decoder = new TypedJsonDecoder();
    private final TypedJsonEncoder encoder = new TypedJsonEncoder();

    @BeforeAll
    static void load() throws IOException {
        file = VectorFile.load();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "null",
                "true",
                "-12",
                "0",
                "1.5",
                "1e+21",
                "-2.5e-7",
                "\"h\u00e9llo \u2028 \ud83d\ude00 \\\" \\\\ \\n \\u0001 \u007f\"",
                "[]",
                "{}",
                "{\"i\":5,\"at\":{\"$t\":\"Date\",\"v\":\"1970-01-01T00:00:05.000Z\"},\"tags\":{\"$t\":\"Set\",\"v\":[\"a\",5]}}",
                "{\"$t\":\"Date\",\"v\":null}",
                "{\"$t\":\"Date\",\"v\":\"+275760-09-13T00:00:00.000Z\"}",
                "{\"$t\":\"Undefined\"}",
                "{\"$t\":\"Number\",\"v\":\"-0\"}",
                "{\"$t\":\"BigInt\",\"v\":\"-123456789012345678901234567890\"}",
                "{\"$t\":\"Bytes\",\"view\":\"Uint8Array\",\"b64\":\"AAEC/w==\"}",
                "{\"$t\":\"Map\",\"v\":[[\"a\",{\"$t\":\"Set\",\"v\":[]}],[1,[null,{}]],[true,{\"x\":[1,2]}]]}",
                "{\"a\":1,\"b\":1,\"c\":1,\"d\":1,\"e\":1,\"f\":1,\"g\":1,\"h\":1,\"i\":1,\"j\":1}",
                "{\"$t\":\"Set\",\"v\":[1,2,3,4,5,6,7,8,9,10,\"10\",null,false]}"
            })
    void vouchesForCommonCanonicalValues(String json) {
        byte[] b = json.getBytes(StandardCharsets.UTF_8);
        assertEquals(b.length, CanonicalTypedJson.end(b, 0, b.length), json);
        assertArrayEquals(b, encoder.encode(decoder.decode(b)), "the encoder writes it so too");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "-0", // the decoder reads it as {"$t":"Number","v":"-0"}
                "1.0",
                "1E5",
                "100000000000000000000000",
                "\"\\u00e9\"",
                "\"\\/\"",
                "\"\\u000a\"",
                "\"\\u001F\"",
                "\"\\ud800\"",
                "[1, 2]",
                "{\"b\":1,\"a\":1,\"b\":2}",
                "{\"b\":1,\"2\":1}", // JavaScript orders index names first
                "{\"a\":1,\"$t\":\"Date\"}",
                "{\"$t\":\"Object\",\"v\":{\"$t\":1}}",
                "{\"$t\":\"Date\",\"v\":\"1970-01-01T00:00:05Z\"}",
                "{\"$t\":\"Set\",\"v\":[1,1]}",
                "{\"$t\":\"Set\",\"v\":[{},{}]}",
                "{\"$t\":\"Map\",\"v\":[[\"a\",1],[\"a\",2]]}",
                "{\"$t\":\"Bytes\",\"view\":\"Uint16Array\",\"b64\":\"AA==\"}",
                "{\"$t\":\"Bytes\",\"view\":\"Uint8Array\",\"b64\":\"AAF=\"}",
                "{\"$t\":\"BigInt\",\"v\":\"-0\"}",
                "{\"$t\":\"BigInt\",\"v\":\"007\"}",
                "{\"$t\":\"Nope\",\"v\":1}"
            })
    void leavesEverythingElseToTheDecoder(String json) {
        byte[] b = json.getBytes(StandardCharsets.UTF_8);
        assertNotEquals(b.length, CanonicalTypedJson.end(b, 0, b.length), json);
    }

    @Test
    void refusesMalformedUtf8() {
        for (byte[] bad : List.of(
                new byte[] {'"', (byte) 0xc0, (byte) 0x80, '"'}, // overlong
                new byte[] {'"', (byte) 0xed, (byte) 0xa0, (byte) 0x80, '"'}, // a surrogate
                new byte[] {'"', (byte) 0xf4, (byte) 0x90, (byte) 0x80, (byte) 0x80, '"'}, // beyond U+10FFFF
                new byte[] {'"', (byte) 0xe2, (byte) 0x82, '"'}, // cut short
                new byte[] {'"', 0x01, '"'})) {
            assertEquals(-1, CanonicalTypedJson.end(bad, 0, bad.length), Arrays.toString(bad));
            assertEquals(-1, CanonicalTypedJson.plainStringEnd(bad, 0, bad.length), Arrays.toString(bad));
        }
    }

    @Test
    void findsTheEndOfAValueInsideALargerDocument() {
        byte[] b = "{\"key\":\"k\",\"value\":[1,{\"a\":\"}\"}]}".getBytes(StandardCharsets.UTF_8);
        int from = "{\"key\":\"k\",\"value\":".length();
        assertEquals(b.length - 1, CanonicalTypedJson.end(b, from, b.length));
        assertEquals(-1, CanonicalTypedJson.end(b, from, b.length - 3), "reads no further than the limit");
        assertEquals(from - 1 - ",\"value\":".length() + 1, CanonicalTypedJson.plainStringEnd(b, 7, b.length));
    }

    @Test
    void everySharedVectorItVouchesForRoundTrips() {
        int vouched = 0;
        for (VectorFile.Item v : file.section("vectors")) {
            byte[] canonical = v.typed().orElseThrow();
            int end = CanonicalTypedJson.end(canonical, 0, canonical.length);
            assertTrue(end == -1 || end == canonical.length, v.name());
            if (end == canonical.length) {
                vouched++;
                assertArrayEquals(canonical, encoder.encode(decoder.decode(canonical)), v.name());
            }
        }
        assertTrue(vouched > file.section("vectors").size() / 2, "vouched for " + vouched);
    }

    @Test
    void vouchesForNoInputTheDecoderNormalizesOrRefuses() {
        List<VectorFile.Item> items = new ArrayList<>(file.section("normalized"));
        items.addAll(file.section("invalid"));
        for (VectorFile.Item v : items) {
            byte[] input = v.input();
            assertNotEquals(input.length, CanonicalTypedJson.end(input, 0, input.length), v.name());
        }
    }

    /**
     * The guarantee readers rely on, over seeded random edits of the vectors: wherever it says a
     * value ends, the bytes up to there decode, and encode to exactly those bytes again.
     */
    @Test
    void whatItVouchesForAlwaysEncodesToTheSameBytes() {
        SplittableRandom random = new SplittableRandom(19);
        byte[] alphabet = "{}[]\",:\\$tu0123456789-.eE+ abnrfvDSMUNBIOxl/".getBytes(StandardCharsets.US_ASCII);
        byte[] odd = {(byte) 0xc3, (byte) 0xa9, (byte) 0xed, (byte) 0xa0, (byte) 0x80, (byte) 0xf4, 0x7f, 0x00, 0x1f};
        List<byte[]> seeds = new ArrayList<>();
        file.section("vectors").forEach(v -> seeds.add(v.typed().orElseThrow()));
        seeds.add(
                "{\"i\":5,\"at\":{\"$t\":\"Date\",\"v\":\"1970-01-01T00:00:05.000Z\"},\"tags\":{\"$t\":\"Set\",\"v\":[\"a\",5]}}"
                        .getBytes(StandardCharsets.UTF_8));
        int checked = 0;
        for (int round = 0; round < 40_000; round++) {
            byte[] b = seeds.get(random.nextInt(seeds.size()));
            int edits = 1 + random.nextInt(3);
            for (int e = 0; e < edits; e++) {
                int at = random.nextInt(b.length + 1);
                byte c = random.nextInt(8) == 0
                        ? odd[random.nextInt(odd.length)]
                        : alphabet[random.nextInt(alphabet.length)];
                switch (random.nextInt(3)) {
                    case 0 -> b = splice(b, at, Math.min(b.length, at + 1), new byte[] {c});
                    case 1 -> b = splice(b, at, at, new byte[] {c});
                    default -> b = splice(b, at, Math.min(b.length, at + 1 + random.nextInt(4)), new byte[0]);
                }
            }
            int end = CanonicalTypedJson.end(b, 0, b.length);
            if (end >= 0) {
                checked++;
                byte[] value = Arrays.copyOf(b, end);
                try {
                    assertEquals(text(value), text(encoder.encode(decoder.decode(value))), text(b));
                } catch (LandfallException ex) {
                    fail("vouched for " + text(value) + ", which the decoder refuses: " + ex.getMessage());
                }
            }
        }
        assertTrue(checked > 1000, "only " + checked + " edits were vouched for");
    }

    private static byte[] splice(byte[] b, int from, int to, byte[] with) {
        byte[] out = new byte[b.length - (to - from) + with.length];
        System.arraycopy(b, 0, out, 0, from);
        System.arraycopy(with, 0, out, from, with.length);
        System.arraycopy(b, to, out, from + with.length, b.length - to);
        return out;
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }
}
