package dev.landfall.store.clickhouse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventRowEncoderTest {
    private static String encode(String schema, String line) throws Exception {
        return encode(new EventRowEncoder(EventSchema.parse(schema), ZoneId.of("UTC")), line);
    }

    private static String encode(EventRowEncoder e, String line) throws BadEvent, IOException {
        byte[] b = line.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        e.encode(b, 0, b.length, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    private static String bad(String schema, String line) {
        BadEvent e = assertThrows(BadEvent.class, () -> encode(schema, line));
        return e.getMessage();
    }

    @Test
    void writesColumnsInTableOrderWhateverTheFieldOrder() throws Exception {
        assertEquals("a\t2\n", encode("s String, n Int32", "{\"n\":2,\"s\":\"a\"}"));
    }

    @Test
    void escapesStringsAndKeepsNestedJsonAsText() throws Exception {
        assertEquals(
                "tab\\there\\nnew \\\\ é 😀\t{\"k\":[1,\"x\"]}\n",
                encode("s String, j String", "{\"s\":\"tab\\there\\nnew \\\\ é 😀\",\"j\":{\"k\":[1,\"x\"]}}"));
    }

    @Test
    void missingFieldsAreNullOrTheTypesZero() throws Exception {
        assertEquals("\\N\t\t0\t0\n", encode("a Nullable(String), b String, c UInt8, d Float64", "{}"));
    }

    @Test
    void aMissingTimeInANonNullableColumnIsBad() {
        assertTrue(bad("ts DateTime, a String", "{\"a\":\"x\"}").contains("'ts' is missing"));
    }

    @Test
    void nullIsOnlyForNullableColumns() throws Exception {
        assertEquals("\\N\n", encode("a Nullable(Int64)", "{\"a\":null}"));
        assertTrue(bad("a Int64", "{\"a\":null}").contains("not Nullable"));
    }

    @Test
    void integersAreRangeCheckedPerType() throws Exception {
        assertEquals(
                "255\t-128\t18446744073709551615\t1\n",
                encode(
                        "a UInt8, b Int8, c UInt64, d UInt8",
                        "{\"a\":255,\"b\":-128,\"c\":18446744073709551615,\"d\":true}"));
        assertTrue(bad("a UInt8", "{\"a\":256}").contains("256 is out of range"));
        assertTrue(bad("a UInt32", "{\"a\":-1}").contains("out of range"));
        assertTrue(bad("a Int64", "{\"a\":1.5}").contains("is not an integer"));
        assertEquals("42\n", encode("a Int64", "{\"a\":\"42\"}"), "quoted integers load, as with JSONEachRow");
    }

    @Test
    void floatsTakeNumbersAndNumericStrings() throws Exception {
        assertEquals("1.5\t2\tnan\n", encode("a Float64, b Float32, c Float64", "{\"a\":1.5,\"b\":2,\"c\":\"NaN\"}"));
        assertTrue(bad("a Float64", "{\"a\":\"fast\"}").contains("'fast' is not a number"));
    }

    @Test
    void dateTimesGoOutAsUnixSecondsFromIsoTextOrEpochNumbers() throws Exception {
        String schema = "a DateTime, b DateTime, c DateTime, d DateTime, e DateTime";
        assertEquals(
                "1764399600\t1764399600\t1764396000\t1764399600\t1764399600\n",
                encode(
                        schema,
                        "{\"a\":\"2025-11-29T07:00:00Z\",\"b\":\"2025-11-29 07:00:00.999\","
                                + "\"c\":\"2025-11-29T07:00:00+01:00\",\"d\":1764399600123,\"e\":1764399600123456789}"));
        assertTrue(bad("a DateTime", "{\"a\":\"yesterday\"}").contains("not an ISO-8601 time"));
        assertTrue(bad("a DateTime", "{\"a\":\"1969-12-31T23:59:59Z\"}").contains("outside the DateTime range"));
    }

    @Test
    void dateTime64GoesOutAsTextInTheColumnsZone() throws Exception {
        assertEquals(
                "2025-11-29 07:00:00.123\t2025-11-29 08:00:00.123456\n",
                encode(
                        "a DateTime64(3, 'UTC'), b DateTime64(6, 'Europe/Berlin')",
                        "{\"a\":\"2025-11-29T07:00:00.123456Z\",\"b\":\"2025-11-29T07:00:00.123456Z\"}"));
        EventRowEncoder serverZone = new EventRowEncoder(EventSchema.parse("a DateTime64(3)"), ZoneId.of("Asia/Tokyo"));
        assertEquals("2025-11-29 16:00:00.000\n", encode(serverZone, "{\"a\":\"2025-11-29T07:00:00Z\"}"));
    }

    @Test
    void datesTakeDatesOrTimes() throws Exception {
        assertEquals(
                "2025-11-29\t2025-11-29\n",
                encode("a Date, b Date", "{\"a\":\"2025-11-29\",\"b\":\"2025-11-29T23:00:00Z\"}"));
    }

    @Test
    void badJsonIsReportedNotThrownAsIoError() {
        assertTrue(bad("a String", "{\"a\":").startsWith("not valid JSON"));
        assertEquals("not a JSON object", bad("a String", "[1]"));
        assertEquals("text after the JSON object", bad("a String", "{\"a\":\"x\"} {}"));
    }

    @Test
    void fieldsTheTableLacksAreCountedAndLeftOut() throws Exception {
        EventRowEncoder e = new EventRowEncoder(EventSchema.parse("a String"), ZoneId.of("UTC"));
        assertEquals("x\n", encode(e, "{\"a\":\"x\",\"zz\":{\"deep\":[1]},\"b\":2}"));
        assertEquals(List.of("b", "zz"), e.ignoredFields());
        assertEquals(2, e.ignoredCount());
    }

    @Test
    void aBadLineWritesNothing() throws Exception {
        EventRowEncoder e = new EventRowEncoder(EventSchema.parse("a String, n Int8"), ZoneId.of("UTC"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] line = "{\"a\":\"x\",\"n\":1000}".getBytes(StandardCharsets.UTF_8);
        assertThrows(BadEvent.class, () -> e.encode(line, 0, line.length, out));
        assertEquals(0, out.size());
    }
}
