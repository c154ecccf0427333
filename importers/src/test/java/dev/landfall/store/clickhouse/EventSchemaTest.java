package dev.landfall.store.clickhouse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.landfall.core.error.ErrorKind;
import dev.landfall.core.error.LandfallException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EventSchemaTest {
    @Test
    void parsesDeclaredColumnsWithParenthesesAndQuotedNames() {
        EventSchema s = EventSchema.parse(
                "`ray id` String, ts DateTime64(3, 'UTC'), n Nullable(UInt16), host LowCardinality(String), day Date");
        assertEquals(
                "`ray id` String, `ts` DateTime64(3, 'UTC'), `n` Nullable(UInt16), `host` LowCardinality(String), `day` Date",
                s.columnsSql());
        assertEquals(Optional.of("ts"), s.orderBy());
        assertEquals(3, s.columns().get(1).type().precision());
        assertEquals(Optional.of("UTC"), s.columns().get(1).type().zone());
        assertTrue(s.columns().get(2).type().nullable());
    }

    @Test
    void refusesWhatTheLoaderCannotCheck() {
        for (String bad : new String[] {
            "a Array(String)", "a", "a String,", "a String, a Int8", "a Decimal(9,2)", "a Nullable(Nullable(String))"
        }) {
            LandfallException e = assertThrows(LandfallException.class, () -> EventSchema.parse(bad), bad);
            assertEquals(ErrorKind.USAGE, e.kind());
        }
    }

    @Test
    void readsTypesAsDescribeTableWritesThem() {
        assertEquals(Optional.of("UTC"), ColumnType.parse("DateTime('UTC')").zone());
        assertEquals(
                ColumnType.Kind.DATETIME64,
                ColumnType.parse("Nullable(DateTime64(9))").kind());
        assertEquals(
                ColumnType.Kind.STRING,
                ColumnType.parse("LowCardinality(Nullable(String))").kind());
        assertTrue(ColumnType.parse("LowCardinality(Nullable(String))").nullable());
    }

    @Test
    void quotesNamesForSql() {
        assertEquals("`we\\`ird\\\\`", Column.quote("we`ird\\"));
    }
}
