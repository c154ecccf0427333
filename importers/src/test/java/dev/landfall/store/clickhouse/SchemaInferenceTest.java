package dev.landfall.store.clickhouse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SchemaInferenceTest {
    private static SchemaInference infer(boolean dateTime64, String... lines) {
        SchemaInference s = new SchemaInference(dateTime64);
        for (String l : lines) {
            byte[] b = l.getBytes(StandardCharsets.UTF_8);
            s.observe(b, 0, b.length);
        }
        return s;
    }

    @Test
    void infersTypesNullableColumnsAndTheTimeKey() {
        EventSchema schema = infer(
                        false,
                        "{\"ts\":\"2025-11-29T07:00:00Z\",\"n\":1,\"f\":1,\"b\":true,\"s\":\"x\",\"o\":{\"a\":1},\"d\":\"2025-11-29\",\"z\":null}",
                        "{\"ts\":\"2025-11-29 07:00:01\",\"n\":-2,\"f\":0.5,\"b\":false,\"s\":\"y\",\"o\":[1],\"d\":\"2025-11-30\",\"z\":null}")
                .schema()
                .orElseThrow();
        assertEquals(
                "`ts` DateTime, `n` Nullable(Int64), `f` Nullable(Float64), `b` Nullable(UInt8), `s` Nullable(String),"
                        + " `o` Nullable(String), `d` Nullable(Date), `z` Nullable(String)",
                schema.columnsSql());
        assertEquals("ORDER BY `ts`", schema.orderBySql());
    }

    @Test
    void aTimeFieldMissingOrNullSomewhereIsNotTheKey() {
        EventSchema schema = infer(false, "{\"ts\":\"2025-11-29T07:00:00Z\"}", "{\"ts\":null}", "{}")
                .schema()
                .orElseThrow();
        assertEquals("`ts` Nullable(DateTime)", schema.columnsSql());
        assertEquals("ORDER BY tuple()", schema.orderBySql());
        assertEquals(
                "ORDER BY tuple()",
                infer(false, "{\"a\":1}", "{\"ts\":\"2025-11-29T07:00:00Z\"}")
                        .schema()
                        .orElseThrow()
                        .orderBySql());
    }

    @Test
    void mixedKindsFallBackToStringAndBigUnsignedToUInt64() {
        EventSchema schema = infer(
                        false,
                        "{\"m\":1,\"u\":18446744073709551615,\"t\":\"2025-11-29T07:00:00Z\"}",
                        "{\"m\":\"one\",\"u\":1,\"t\":\"soon\"}")
                .schema()
                .orElseThrow();
        assertEquals("`m` Nullable(String), `u` Nullable(UInt64), `t` Nullable(String)", schema.columnsSql());
    }

    @Test
    void fractionsOfASecondNeedDateTime64WhichOldServersLack() {
        SchemaInference modern =
                infer(true, "{\"ts\":\"2025-11-29T07:00:00.123Z\"}", "{\"ts\":\"2025-11-29T07:00:00.1234Z\"}");
        assertEquals("`ts` DateTime64(6, 'UTC')", modern.schema().orElseThrow().columnsSql());
        assertTrue(modern.warnings().isEmpty());

        SchemaInference old = infer(false, "{\"ts\":\"2025-11-29T07:00:00.123Z\"}");
        assertEquals("`ts` DateTime", old.schema().orElseThrow().columnsSql());
        assertTrue(
                old.warnings().get(0).contains("no DateTime64"), old.warnings().toString());
    }

    @Test
    void linesThatAreNoObjectsAreLeftForTheLoadToReport() {
        SchemaInference s = infer(false, "not json", "[1,2]", "");
        assertEquals(0, s.events());
        assertEquals(Optional.empty(), s.schema());
    }
}
