package dev.landfall.core.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TypedJsonEncoderTest {
    private final TypedJsonEncoder encoder = new TypedJsonEncoder();
    private final TypedJsonDecoder decoder = new TypedJsonDecoder();

    @Test
    void writesStringsAsJsonStringifyDoes() {
        assertEquals(
                "\"\\\"\\\\/\\b\\f\\n\\r\\t\\u0000\\u001f\u007f\u2028é😀\\udc00\\ud800\\udbff\"",
                encoder.encodeToString(
                        new StringValue("\"\\/\b\f\n\r\t\u0000\u001f\u007f\u2028é😀\udc00\ud800\udbff")));
        assertArrayEquals(
                new byte[] {'"', (byte) 0xf0, (byte) 0x9f, (byte) 0x98, (byte) 0x80, '"'},
                encoder.encode(new StringValue("😀")));
    }

    @Test
    void writesTagsWithTheirMembersInSpecOrder() {
        TypedValue error = new ErrorValue(
                "RangeError", Optional.of("boom"), Optional.of("at x"), Optional.of(new BigIntValue(BigInteger.TEN)));
        assertEquals(
                "{\"$t\":\"Error\",\"name\":\"RangeError\",\"message\":\"boom\",\"stack\":\"at x\","
                        + "\"cause\":{\"$t\":\"BigInt\",\"v\":\"10\"}}",
                encoder.encodeToString(error));
        assertEquals(
                "{\"$t\":\"RegExp\",\"source\":\"a+\",\"flags\":\"gy\"}",
                encoder.encodeToString(new RegExpValue("a+", "gy")));
        assertEquals(
                "{\"$t\":\"Bytes\",\"view\":\"Float64Array\",\"b64\":\"AAAAAAAA8D8=\"}",
                encoder.encodeToString(new BytesValue(ViewType.FLOAT64_ARRAY, new byte[] {0, 0, 0, 0, 0, 0, -16, 63})));
        assertEquals(
                "{\"$t\":\"Array\",\"length\":4294967295,\"v\":[[7,null]]}",
                encoder.encodeToString(new SparseArrayValue(
                        SparseArrayValue.MAX_LENGTH, List.of(new SparseArrayValue.Element(7, NullValue.INSTANCE)))));
    }

    @Test
    void wrapsObjectsWithTheirOwnTagMember() {
        ObjectValue inner = new ObjectValue(List.of(new ObjectValue.Member("$t", new StringValue("Date"))));
        ObjectValue outer = new ObjectValue(
                List.of(new ObjectValue.Member("x", inner), new ObjectValue.Member("$t", new NumberValue(1))));
        String json = encoder.encodeToString(outer);
        assertEquals("{\"$t\":\"Object\",\"v\":{\"x\":{\"$t\":\"Object\",\"v\":{\"$t\":\"Date\"}},\"$t\":1}}", json);
        assertEquals(outer, decoder.decode(json));
    }

    @Test
    void putsIndexMemberNamesFirstAsJavaScriptDoes() {
        ObjectValue o = new ObjectValue(List.of(
                new ObjectValue.Member("b", new NumberValue(1)),
                new ObjectValue.Member("10", new NumberValue(2)),
                new ObjectValue.Member("2", new NumberValue(3)),
                new ObjectValue.Member("02", new NumberValue(4))));
        assertEquals("{\"2\":3,\"10\":2,\"b\":1,\"02\":4}", encoder.encodeToString(o));
    }

    @Test
    void isDeterministicAndStreams() throws IOException {
        TypedValue v = new MapValue(List.of(
                new MapValue.Entry(new SetValue(List.of(SpecialNumber.NAN)), DateValue.invalid()),
                new MapValue.Entry(new StringValue("k"), new BoxedValue(new StringValue("s")))));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        encoder.encode(v, out);
        assertArrayEquals(encoder.encode(v), out.toByteArray());
        assertEquals(
                "{\"$t\":\"Map\",\"v\":[[{\"$t\":\"Set\",\"v\":[{\"$t\":\"Number\",\"v\":\"NaN\"}]},"
                        + "{\"$t\":\"Date\",\"v\":null}],[\"k\",{\"$t\":\"Boxed\",\"v\":\"s\"}]]}",
                out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void writesLongStringsAcrossTheBufferBoundary() {
        String s = "é".repeat(10_000) + "😀".repeat(5_000) + "x";
        byte[] bytes = encoder.encode(new StringValue(s));
        assertEquals("\"" + s + "\"", new String(bytes, StandardCharsets.UTF_8));
    }
}
