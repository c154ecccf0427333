package dev.landfall.store.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.landfall.store.postgres.PostgresSchema.Column;
import dev.landfall.store.postgres.PostgresSchema.Found;
import dev.landfall.store.postgres.PostgresSchema.Table;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** How an existing table's difference from the expected one is put into words. */
class PostgresSchemaTest {
    private static final Table KV = new Table(
            "landfall_kv",
            List.of(
                    new Column("namespace_id", "text", true),
                    new Column("key", "text", true),
                    new Column("value", "bytea", false)),
            List.of("namespace_id", "key"),
            Set.of());

    private static Found found(List<Column> columns, List<String> pk) {
        Map<String, Column> byName = new LinkedHashMap<>();
        columns.forEach(c -> byName.put(c.name(), c));
        return new Found('r', byName, new ArrayList<>(pk));
    }

    private static List<Column> columns() {
        return new ArrayList<>(KV.columns());
    }

    @Test
    void theCreateStatementIsMadeFromTheColumns() {
        Table kv = new Table(
                "landfall_kv",
                List.of(
                        new Column("namespace_id", "text", true),
                        new Column("key", "text", true),
                        new Column("value", "bytea", false),
                        new Column("metadata", "text", false)),
                List.of("namespace_id", "key"),
                Set.of("metadata"));
        assertEquals(
                "CREATE TABLE IF NOT EXISTS %s.landfall_kv (\n"
                        + "  namespace_id text COLLATE \"C\" NOT NULL,\n"
                        + "  key text COLLATE \"C\" NOT NULL,\n"
                        + "  value bytea NOT NULL,\n"
                        + "  metadata text,\n"
                        + "  PRIMARY KEY (namespace_id, key))",
                kv.ddl());
        Table namespaces = new Table(
                "landfall_kv_namespaces",
                List.of(new Column("namespace_id", "text", true), new Column("title", "text", false)),
                List.of("namespace_id"),
                Set.of());
        assertEquals(
                "CREATE TABLE IF NOT EXISTS %s.landfall_kv_namespaces (\n"
                        + "  namespace_id text COLLATE \"C\" PRIMARY KEY,\n"
                        + "  title text NOT NULL)",
                namespaces.ddl());
    }

    @Test
    void theSameTableHasNoDifference() {
        assertEquals(Optional.empty(), PostgresSchema.difference(KV, found(columns(), KV.primaryKey())));
    }

    @Test
    void namesEachKindOfDifference() {
        List<Column> otherType = columns();
        otherType.set(2, new Column("value", "text", false));
        assertEquals(
                Optional.of("has column value of type text, expected bytea"),
                PostgresSchema.difference(KV, found(otherType, KV.primaryKey())));

        List<Column> missing = columns();
        missing.remove(2);
        assertEquals(
                Optional.of("has no column value, expected one of type bytea"),
                PostgresSchema.difference(KV, found(missing, KV.primaryKey())));

        List<Column> extra = columns();
        extra.add(new Column("note", "text", false));
        assertEquals(
                Optional.of("has an extra column note, expected only [namespace_id, key, value]"),
                PostgresSchema.difference(KV, found(extra, KV.primaryKey())));

        List<Column> collation = columns();
        collation.set(1, new Column("key", "text", false));
        assertEquals(
                Optional.of("has column key without COLLATE \"C\", expected byte order (text COLLATE \"C\")"),
                PostgresSchema.difference(KV, found(collation, KV.primaryKey())));

        assertEquals(
                Optional.of("has primary key (key), expected primary key (namespace_id, key)"),
                PostgresSchema.difference(KV, found(columns(), List.of("key"))));
        assertEquals(
                Optional.of("has no primary key, expected primary key (namespace_id, key)"),
                PostgresSchema.difference(KV, found(columns(), List.of())));
        assertEquals(
                Optional.of("is not a table (pg_class.relkind 'v')"),
                PostgresSchema.difference(KV, new Found('v', Map.of(), List.of())));
    }
}
