package dev.landfall.core.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import dev.landfall.core.error.ErrorKind;
import dev.landfall.core.error.LandfallException;
import dev.landfall.core.store.OneByteInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class TypedJsonDecoderTest {
    private final TypedJsonDecoder decoder = new TypedJsonDecoder();
    private final TypedJsonEncoder encoder = new TypedJsonEncoder();

    @Test
    void decodesEachKindIntoItsModel() {
        ObjectValue o = (ObjectValue) decoder.decode("{\"n\":1.5,\"s\":\"x\",\"d\":{\"$t\":\"Date\",\"v\":"
                + "\"2024-01-02T03:04:05.678Z\"},\"b\":{\"$t\":\"BigInt\",\"v\":\"-42\"},"
                + "\"bytes\":{\"$t\":\"Bytes\",\"view\":\"Int16Array\",\"b64\":\"AQD+/w==\"},"
                + "\"m\":{\"$t\":\"Map\",\"v\":[[1,\"a\"]]},\"u\":{\"$t\":\"Undefined\"},"
                + "\"h\":{\"$t\":\"Array\",\"length\":3,\"v\":[[1,true]]},"
                + "\"e\":{\"$t\":\"Error\",\"name\":\"TypeError\",\"message\":\"bad\"}}");
        assertEquals(new NumberValue(1.5), o.get("n").orElseThrow());
        assertEquals(new StringValue("x"), o.get("s").orElseThrow());
        assertEquals(DateValue.ofEpochMillis(1_704_164_645_678L), o.get("d").orElseThrow());
        assertEquals(new BigIntValue(BigInteger.valueOf(-42)), o.get("b").orElseThrow());
        assertEquals(
                new BytesValue(ViewType.INT16_ARRAY, new byte[] {1, 0, (byte) 0xfe, (byte) 0xff}),
                o.get("bytes").orElseThrow());
        assertEquals(
                new MapValue(List.of(new MapValue.Entry(new NumberValue(1), new StringValue("a")))),
                o.get("m").orElseThrow());
        assertSame(UndefinedValue.INSTANCE, o.get("u").orElseThrow());
        assertEquals(
                new SparseArrayValue(3, List.of(new SparseArrayValue.Element(1, BooleanValue.TRUE))),
                o.get("h").orElseThrow());
        assertEquals(ErrorValue.of("TypeError", "bad"), o.get("e").orElseThrow());
    }

    @Test
    void invalidDateHasNoTime() {
        DateValue d = (DateValue) decoder.decode("{\"$t\":\"Date\",\"v\":null}");
        assertEquals(OptionalLong.empty(), d.epochMillis());
        assertEquals(Optional.empty(), d.isoString());
    }

    @Test
    void plainMinusZeroIsNegativeZeroAndHugeIntegersAreDoubles() {
        assertSame(SpecialNumber.NEGATIVE_ZERO, decoder.decode("-0"));
        assertEquals(new NumberValue(9007199254740994.0), decoder.decode("9007199254740994"));
        assertEquals(new NumberValue(1e30), decoder.decode("1000000000000000000000000000000"));
    }

    @Test
    void readsALargeMixedDocumentOneBytePerRead() throws IOException {
        List<TypedValue> items = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            items.add(new ObjectValue(List.of(
                    new ObjectValue.Member("i", new NumberValue(i)),
                    new ObjectValue.Member("é😀\ud800 " + i, new StringValue("日本".repeat(i % 7))),
                    new ObjectValue.Member("d", DateValue.ofEpochMillis(i * 86_400_000L)),
                    new ObjectValue.Member("b", new BytesValue(ViewType.UINT8_ARRAY, new byte[i % 5])),
                    new ObjectValue.Member(
                            "$t", new SetValue(List.of(SpecialNumber.NAN, new NumberValue(i + 0.25)))))));
        }
        TypedValue value = new ArrayValue(items);
        byte[] bytes = encoder.encode(value);
        assertEquals(value, decoder.decode(new OneByteInputStream(new java.io.ByteArrayInputStream(bytes))));
        assertEquals(value, decoder.decode(bytes));
    }

    @Test
    void reportsErrorsOneBytePerReadWithTheSamePath() {
        byte[] bad = "{\"list\":[1,{\"é\":{\"$t\":\"Bytes\",\"view\":\"Uint8Array\",\"b64\":\"AB==\"}}]}"
                .getBytes(StandardCharsets.UTF_8);
        LandfallException e = assertThrows(
                LandfallException.class,
                () -> decoder.decode(new OneByteInputStream(new java.io.ByteArrayInputStream(bad))));
        assertTrue(e.getMessage().startsWith("$.list[1][\"é\"].b64: invalid base64"), e.getMessage());
    }

    @Test
    void readsAValueEmbeddedInALargerDocument() throws IOException {
        String response = "{\"entries\":[{\"key\":\"a\",\"value\":{\"$t\":\"Set\",\"v\":[1]}},"
                + "{\"key\":\"b\",\"value\":[{\"$t\":\"Undefined\"}]}],\"next\":null}";
        JsonFactory factory = new JsonFactory();
        List<TypedValue> values = new ArrayList<>();
        try (JsonParser p = factory.createParser(
                new OneByteInputStream(new java.io.ByteArrayInputStream(response.getBytes(StandardCharsets.UTF_8))))) {
            while (p.nextToken() != null) {
                if (p.currentToken() == JsonToken.FIELD_NAME && p.currentName().equals("value")) {
                    values.add(decoder.read(p));
                    assertTrue(p.currentToken().isStructEnd(), "left at the value's last token");
                }
            }
        }
        assertEquals(
                List.of(new SetValue(List.of(new NumberValue(1))), new ArrayValue(List.of(UndefinedValue.INSTANCE))),
                values);
    }

    @Test
    void embeddedValueErrorsAreRelativeToTheValue() throws IOException {
        try (JsonParser p = new JsonFactory().createParser("{\"value\":{\"a\":{\"$t\":\"Nope\"}}}")) {
            p.nextToken();
            p.nextToken();
            LandfallException e = assertThrows(LandfallException.class, () -> decoder.read(p));
            assertTrue(e.getMessage().startsWith("$.a: unknown type tag \"Nope\""), e.getMessage());
        }
    }

    @Test
    void nestingBeyondTheLimitFails() {
        String ok = "[".repeat(1000) + "]".repeat(1000);
        assertEquals(ArrayValue.class, decoder.decode(ok).getClass());
        String deep = "[".repeat(1001) + "]".repeat(1001);
        LandfallException e = assertThrows(LandfallException.class, () -> decoder.decode(deep));
        assertEquals(ErrorKind.FAILED, e.kind());
        assertTrue(e.getMessage().contains("exceeds a reading limit"), e.getMessage());
    }

    @Test
    void constraintsCanBeChosen() {
        TypedJsonDecoder small = new TypedJsonDecoder(
                StreamReadConstraints.builder().maxStringLength(10).build());
        assertEquals(new StringValue("short"), small.decode("\"short\""));
        LandfallException e =
                assertThrows(LandfallException.class, () -> small.decode("[\"" + "x".repeat(100) + "\"]"));
        assertTrue(e.getMessage().startsWith("$[0]: exceeds a reading limit"), e.getMessage());
    }

    @Test
    void malformedUtf8Fails() {
        byte[] bad = {'"', (byte) 0xc3, '(', '"'};
        LandfallException e = assertThrows(LandfallException.class, () -> decoder.decode(bad));
        assertTrue(e.getMessage().contains("malformed JSON"), e.getMessage());
    }

    @Test
    void errorMessagesCutLongTagsAndMarkPositions() {
        String tag = "T".repeat(500);
        LandfallException e = assertThrows(LandfallException.class, () -> decoder.decode("{\"$t\":\"" + tag + "\"}"));
        assertTrue(e.getMessage().length() < 200, e.getMessage());
        LandfallException m = assertThrows(LandfallException.class, () -> decoder.decode("{\n\"a\": [1,,]}"));
        assertTrue(m.getMessage().startsWith("$.a[1]: malformed JSON at line 2, column"), m.getMessage());
    }

    @Test
    void transportFailuresStayIoExceptions() {
        InputStream failing = new InputStream() {
            private final InputStream data = new ByteArrayInputStream("[1,2,".getBytes(StandardCharsets.UTF_8));

            @Override
            public int read() throws IOException {
                int b = data.read();
                if (b < 0) {
                    throw new IOException("connection reset");
                }
                return b;
            }
        };
        IOException e = assertThrows(IOException.class, () -> decoder.decode(failing));
        assertEquals("connection reset", e.getMessage());
    }

    @Test
    void decodesLoneSurrogatesFromEscapesAndKeepsPairs() {
        assertEquals(new StringValue("\ud800x\udc00"), decoder.decode("\"\\ud800x\\uDC00\""));
        assertEquals(new StringValue("😀"), decoder.decode("\"\\ud83d\\ude00\""));
    }

    @Test
    void bytesAreDecodedExactly() {
        byte[] all = new byte[256];
        for (int i = 0; i < 256; i++) {
            all[i] = (byte) i;
        }
        for (int n = 0; n <= 256; n += 37) {
            byte[] part = java.util.Arrays.copyOf(all, n);
            BytesValue b = new BytesValue(ViewType.DATA_VIEW, part);
            BytesValue back = (BytesValue) decoder.decode(encoder.encode(b));
            assertArrayEquals(part, back.bytes());
        }
    }
}
