package dev.landfall.cloudflare.durable;

import dev.landfall.cloudflare.worker.ExportWorkerClient;
import dev.landfall.cloudflare.worker.ObjectSchema;
import dev.landfall.cloudflare.worker.RowPage;
import dev.landfall.cloudflare.worker.SchemaItem;
import dev.landfall.core.codec.ArrayValue;
import dev.landfall.core.codec.BooleanValue;
import dev.landfall.core.codec.ObjectValue;
import dev.landfall.core.codec.StringValue;
import dev.landfall.core.codec.TypedJsonEncoder;
import dev.landfall.core.codec.TypedValue;
import dev.landfall.core.cursor.AbstractCursor;
import dev.landfall.core.model.DurableObject;
import dev.landfall.core.model.Entry;
import dev.landfall.core.model.Key;
import dev.landfall.core.spi.Checkpoint;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The SQL tables of one SQLite-backed object as the entries of its companion scope ({@link
 * SqlScopes}): the schema first, then every table's rows, tables in the byte order of their key
 * prefixes so that keys ascend. Resuming re-reads the object's tables from the top and skips what
 * the checkpoint says was written: row pages have no stable key to restart after, and one object's
 * tables are small next to the cost of getting this wrong.
 */
final class SqlCursor extends AbstractCursor<Entry> {
    private final ExportWorkerClient worker;
    private final String binding;
    private final DurableObject object;
    private final DurableObject scope;
    private final int pageSize;
    private final Optional<Key> after;
    private final TypedJsonEncoder encoder = new TypedJsonEncoder();
    private Iterator<SchemaItem> tables;
    private SchemaItem table;
    private OptionalLong tableNext = OptionalLong.empty();
    private boolean tableEnded = true;
    private long sequence;
    private Iterator<byte[]> rows;

    SqlCursor(ExportWorkerClient worker, String binding, DurableObject scope, Checkpoint after, int pageSize) {
        super(after);
        this.worker = worker;
        this.binding = binding;
        this.scope = scope;
        this.object = SqlScopes.objectOf(scope).orElseThrow();
        this.pageSize = pageSize;
        this.after = after.last();
    }

    @Override
    public boolean next() throws IOException {
        while (true) {
            Entry e = isClosed() ? null : advance();
            if (e == null) {
                return end();
            }
            if (after.isPresent() && e.key().compareTo(after.get()) <= 0) {
                continue;
            }
            return deliver(e, Checkpoint.after(e.key()));
        }
    }

    /** The next entry in key order, or null at the end. */
    private Entry advance() throws IOException {
        if (tables == null) {
            ObjectSchema schema = worker.schema(binding, object.objectId());
            List<SchemaItem> ordered = new ArrayList<>(schema.tables());
            ordered.sort(Comparator.comparing(t -> Key.of(SqlScopes.tablePrefix(t.name()))));
            tables = ordered.iterator();
            return entry(SqlScopes.SCHEMA_KEY, encoder.encode(schemaValue(schema)));
        }
        while (true) {
            if (rows != null && rows.hasNext()) {
                return entry(SqlScopes.rowKey(table.name(), sequence++), rows.next());
            }
            if (!tableEnded) {
                RowPage page = worker.rows(binding, object.objectId(), table.name(), tableNext, pageSize);
                rows = page.rows().iterator();
                tableNext = page.next();
                tableEnded = page.next().isEmpty();
                continue;
            }
            if (!tables.hasNext()) {
                return null;
            }
            table = tables.next();
            sequence = 0;
            rows = null;
            tableNext = OptionalLong.empty();
            tableEnded = false;
        }
    }

    private Entry entry(String key, byte[] value) {
        return new Entry(scope, Key.of(key), value, null, null);
    }

    private static TypedValue schemaValue(ObjectSchema schema) {
        List<TypedValue> items = new ArrayList<>();
        for (SchemaItem i : schema.items()) {
            List<ObjectValue.Member> m = new ArrayList<>();
            m.add(new ObjectValue.Member("type", new StringValue(i.type())));
            m.add(new ObjectValue.Member("name", new StringValue(i.name())));
            m.add(new ObjectValue.Member("table", new StringValue(i.table())));
            m.add(new ObjectValue.Member("sql", new StringValue(i.sql())));
            if (i.isTable()) {
                m.add(new ObjectValue.Member(
                        "columns",
                        new ArrayValue(i.columns().stream()
                                .map(c -> (TypedValue) new StringValue(c))
                                .toList())));
                m.add(new ObjectValue.Member("withoutRowid", BooleanValue.of(i.withoutRowid())));
            }
            items.add(new ObjectValue(m));
        }
        return new ArrayValue(items);
    }
}
