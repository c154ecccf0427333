package dev.landfall.core.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TypedValueTest {

    @Test
    void numberPicksTheKindForEachDouble() {
        assertSame(SpecialNumber.NAN, TypedValue.number(Double.NaN));
        assertSame(SpecialNumber.POSITIVE_INFINITY, TypedValue.number(Double.POSITIVE_INFINITY));
        assertSame(SpecialNumber.NEGATIVE_INFINITY, TypedValue.number(Double.NEGATIVE_INFINITY));
        assertSame(SpecialNumber.NEGATIVE_ZERO, TypedValue.number(-0.0));
        assertEquals(new NumberValue(0), TypedValue.number(0.0));
        assertEquals(new NumberValue(-2.5), TypedValue.number(-2.5));
    }

    @Test
    void numberValueHoldsOnlyOrdinaryNumbers() {
        assertThrows(IllegalArgumentException.class, () -> new NumberValue(-0.0));
        assertThrows(IllegalArgumentException.class, () -> new NumberValue(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> new NumberValue(Double.NEGATIVE_INFINITY));
    }

    @Test
    void bytesCompareByContentAndCheckElementSize() {
        BytesValue a = new BytesValue(ViewType.UINT16_ARRAY, new byte[] {1, 2});
        BytesValue b = new BytesValue(ViewType.UINT16_ARRAY, new byte[] {1, 2});
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertNotEquals(a, new BytesValue(ViewType.INT16_ARRAY, new byte[] {1, 2}));
        assertNotEquals(a, new BytesValue(ViewType.UINT16_ARRAY, new byte[] {1, 3}));
        assertEquals("BytesValue[Uint16Array, 2 bytes]", a.toString());
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> new BytesValue(ViewType.BIGINT64_ARRAY, new byte[12]));
        assertEquals("BigInt64Array needs a whole number of 8-byte elements, got 12 bytes", e.getMessage());
        for (ViewType view : ViewType.values()) {
            assertEquals(Optional.of(view), ViewType.fromJsName(view.jsName()));
        }
        assertEquals(Optional.empty(), ViewType.fromJsName("uint8array"));
    }

    @Test
    void datesStayInJavaScriptRange() {
        assertEquals(Optional.of(Instant.EPOCH), DateValue.ofEpochMillis(0).instant());
        assertEquals(
                "DateValue[1970-01-01T00:00:00.000Z]",
                DateValue.ofEpochMillis(0).toString());
        assertEquals("DateValue[Invalid Date]", DateValue.invalid().toString());
        assertFalse(DateValue.invalid().isValid());
        DateValue.ofEpochMillis(-DateValue.MAX_EPOCH_MILLIS);
        assertThrows(IllegalArgumentException.class, () -> DateValue.ofEpochMillis(DateValue.MAX_EPOCH_MILLIS + 1));
    }

    @Test
    void objectsOrderMembersAsJavaScriptAndRefuseDuplicates() {
        ObjectValue o = new ObjectValue(List.of(
                new ObjectValue.Member("z", NullValue.INSTANCE),
                new ObjectValue.Member("4294967295", NullValue.INSTANCE),
                new ObjectValue.Member("4294967294", NullValue.INSTANCE),
                new ObjectValue.Member("0", NullValue.INSTANCE),
                new ObjectValue.Member("-1", NullValue.INSTANCE)));
        assertEquals(
                List.of("0", "4294967294", "z", "4294967295", "-1"),
                o.members().stream().map(ObjectValue.Member::name).toList());
        ObjectValue sameForJavaScript = new ObjectValue(List.of(
                new ObjectValue.Member("0", NullValue.INSTANCE),
                new ObjectValue.Member("z", NullValue.INSTANCE),
                new ObjectValue.Member("4294967294", NullValue.INSTANCE),
                new ObjectValue.Member("4294967295", NullValue.INSTANCE),
                new ObjectValue.Member("-1", NullValue.INSTANCE)));
        assertEquals(o, sameForJavaScript);
        assertTrue(o.has("z"));
        assertEquals(Optional.empty(), o.get("y"));
        assertThrows(
                IllegalArgumentException.class,
                () -> new ObjectValue(List.of(
                        new ObjectValue.Member("a", NullValue.INSTANCE),
                        new ObjectValue.Member("a", NullValue.INSTANCE))));
    }

    @Test
    void mapsAndSetsRefuseDuplicatePrimitivesButNotEqualObjects() {
        assertThrows(IllegalArgumentException.class, () -> new SetValue(List.of(SpecialNumber.NAN, SpecialNumber.NAN)));
        assertThrows(
                IllegalArgumentException.class,
                () -> new SetValue(List.of(new BigIntValue(BigInteger.ONE), new BigIntValue(BigInteger.ONE))));
        assertThrows(IllegalArgumentException.class, () -> new SetValue(List.of(SpecialNumber.NEGATIVE_ZERO)));
        new SetValue(List.of(ObjectValue.EMPTY, ObjectValue.EMPTY, new NumberValue(1), new StringValue("1")));
        new MapValue(List.of(
                new MapValue.Entry(ArrayValue.EMPTY, NullValue.INSTANCE),
                new MapValue.Entry(ArrayValue.EMPTY, NullValue.INSTANCE)));
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> new MapValue(List.of(
                        new MapValue.Entry(UndefinedValue.INSTANCE, NullValue.INSTANCE),
                        new MapValue.Entry(UndefinedValue.INSTANCE, NullValue.INSTANCE))));
        assertEquals("duplicate Map key undefined", e.getMessage());
    }

    @Test
    void sparseArraysHaveHolesAndOrderedIndices() {
        new SparseArrayValue(1, List.of());
        assertThrows(IllegalArgumentException.class, () -> new SparseArrayValue(0, List.of()));
        assertThrows(
                IllegalArgumentException.class,
                () -> new SparseArrayValue(1, List.of(new SparseArrayValue.Element(0, NullValue.INSTANCE))));
        assertThrows(
                IllegalArgumentException.class, () -> new SparseArrayValue(SparseArrayValue.MAX_LENGTH + 1, List.of()));
        assertThrows(
                IllegalArgumentException.class,
                () -> new SparseArrayValue(
                        5,
                        List.of(
                                new SparseArrayValue.Element(2, NullValue.INSTANCE),
                                new SparseArrayValue.Element(2, NullValue.INSTANCE))));
        assertThrows(IllegalArgumentException.class, () -> new SparseArrayValue.Element(-1, NullValue.INSTANCE));
    }

    @Test
    void regExpFlagsAreInFlagsOrder() {
        new RegExpValue("a", "dgimsuy");
        new RegExpValue("a", "dgimsvy");
        new RegExpValue("(?:)", "");
        for (String bad : List.of("gd", "gg", "uv", "l", "G")) {
            assertThrows(IllegalArgumentException.class, () -> new RegExpValue("a", bad), bad);
        }
    }

    @Test
    void boxedHoldsOnlyPrimitives() {
        new BoxedValue(SpecialNumber.NEGATIVE_ZERO);
        new BoxedValue(new BigIntValue(BigInteger.TWO));
        assertThrows(IllegalArgumentException.class, () -> new BoxedValue(UndefinedValue.INSTANCE));
        assertThrows(IllegalArgumentException.class, () -> new BoxedValue(DateValue.ofEpochMillis(0)));
    }

    @Test
    void collectionsAreCopied() {
        java.util.ArrayList<TypedValue> list = new java.util.ArrayList<>(List.of(new NumberValue(1)));
        ArrayValue a = new ArrayValue(list);
        list.add(new NumberValue(2));
        assertEquals(1, a.elements().size());
        assertThrows(UnsupportedOperationException.class, () -> a.elements().add(NullValue.INSTANCE));
    }
}
