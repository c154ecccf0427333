package dev.landfall.store.clickhouse;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads an existing table's insertable columns with {@code DESCRIBE TABLE}. */
final class TableColumns {
    private final ClickHouseSession session;

    TableColumns(ClickHouseSession session) {
        this.session = session;
    }

    /**
     * The table's columns that an INSERT fills (MATERIALIZED and ALIAS ones left out), or empty if
     * the table does not exist.
     */
    Optional<EventSchema> read(String table) {
        String qualified = session.location().qualified(table);
        String exists = session.rows("EXISTS TABLE " + qualified, "looking for table " + qualified)
                .get(0)[0];
        if (!exists.equals("1")) {
            return Optional.empty();
        }
        List<Column> columns = new ArrayList<>();
        for (String[] row : session.rows("DESCRIBE TABLE " + qualified, "reading the columns of " + qualified)) {
            String defaultKind = row.length > 2 ? row[2] : "";
            if (defaultKind.equals("MATERIALIZED") || defaultKind.equals("ALIAS")) {
                continue;
            }
            ColumnType type;
            try {
                type = ColumnType.parse(row[1]);
            } catch (dev.landfall.core.error.LandfallException e) {
                throw dev.landfall.core.error.LandfallException.usage(
                        "table " + qualified + " has column `" + row[0] + "` of type " + row[1]
                                + ", which the event loader cannot check",
                        "load into a table of String, number, Date and DateTime columns (docs/clickhouse.md), or"
                                + " give another --table to create one");
            }
            columns.add(new Column(row[0], type));
        }
        return Optional.of(new EventSchema(columns, Optional.empty()));
    }
}
