package dev.landfall.store.clickhouse;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.DataStreamWriter;
import com.clickhouse.client.api.insert.InsertResponse;
import com.clickhouse.client.api.insert.InsertSettings;
import com.clickhouse.client.api.query.QueryResponse;
import com.clickhouse.client.api.query.QuerySettings;
import com.clickhouse.data.ClickHouseFormat;
import dev.landfall.core.config.Secret;
import dev.landfall.core.error.LandfallException;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * A connection to one ClickHouse server through its official Java client ({@code client-v2}),
 * set up to work with current servers and with 18.16, the one Debian ships:
 *
 * <ul>
 *   <li>response and request compression off: 18.16's HTTP compression answers with an empty body;
 *   <li>every statement names its database ({@code `db`.`t`}): 18.16 ignores the client's default
 *       database;
 *   <li>results are read as TabSeparated text, not through the client's binary readers, whose
 *       first query ({@code currentUser()}) 18.16 lacks.
 * </ul>
 *
 * Errors come out as {@link LandfallException}s through {@link ClickHouseErrors}. Not thread-safe
 * for statements; inserts may overlap (the client pools connections).
 */
public final class ClickHouseSession implements Closeable {
    private final ClickHouseLocation location;
    private final Client client;
    private String version;

    private ClickHouseSession(ClickHouseLocation location, Client client) {
        this.location = location;
        this.client = client;
    }

    /** Opens a session; nothing is sent until the first statement. */
    public static ClickHouseSession open(ClickHouseLocation location) {
        Objects.requireNonNull(location, "location");
        Client client = new Client.Builder()
                .addEndpoint(location.endpoint())
                .setUsername(location.user())
                .setPassword(location.password().map(Secret::reveal).orElse(""))
                .compressServerResponse(false)
                .compressClientRequest(false)
                .useHttpCompression(false)
                .setClientName("landfall")
                .setConnectTimeout(10, ChronoUnit.SECONDS)
                .setSocketTimeout(10, ChronoUnit.MINUTES)
                // An insert streams rows as they are checked; it cannot be replayed, so a failed
                // request is reported, never retried behind the caller's back.
                .setMaxRetries(0)
                .build();
        return new ClickHouseSession(location, client);
    }

    /** Where this session connects. */
    public ClickHouseLocation location() {
        return location;
    }

    /** The server's version, such as {@code 18.16.1} or {@code 24.8.4.13}; asked once. */
    public String version() {
        if (version == null) {
            version = rows("SELECT version()", "asking the server version").get(0)[0];
        }
        return version;
    }

    /** Whether the server has {@code DateTime64} (ClickHouse 20.1 and later). */
    public boolean hasDateTime64() {
        String[] parts = version().split("\\.");
        try {
            return Integer.parseInt(parts[0]) >= 20;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** The server's time zone. */
    public ZoneId timezone() {
        return ZoneId.of(
                rows("SELECT timezone()", "asking the server time zone").get(0)[0]);
    }

    /** Runs a statement that returns nothing (DDL). */
    public void execute(String sql, String doing) {
        try {
            client.execute(sql).get().close();
        } catch (Exception e) {
            throw translate(e, doing);
        }
    }

    /** Runs a query and returns its rows as unescaped TabSeparated fields. */
    public List<String[]> rows(String sql, String doing) {
        QuerySettings settings = new QuerySettings().setFormat(ClickHouseFormat.TabSeparated);
        try (QueryResponse r = client.query(sql, settings).get()) {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            r.getInputStream().transferTo(body);
            List<String[]> rows = new ArrayList<>();
            for (String line : body.toString(StandardCharsets.UTF_8).split("\n")) {
                if (line.isEmpty()) {
                    continue;
                }
                String[] fields = line.split("\t", -1);
                for (int i = 0; i < fields.length; i++) {
                    fields[i] = Tsv.unescape(fields[i]);
                }
                rows.add(fields);
            }
            if (rows.isEmpty()) {
                rows.add(new String[] {""});
            }
            return rows;
        } catch (LandfallException e) {
            throw e;
        } catch (Exception e) {
            throw translate(e, doing);
        }
    }

    /**
     * Starts one INSERT of TabSeparated rows that {@code body} writes; the returned future
     * completes with the rows the server wrote.
     *
     * @param table the database-qualified table
     * @param columns the column names, in the order the rows hold them
     */
    public CompletableFuture<Long> insertTsv(String table, List<String> columns, DataStreamWriter body) {
        List<String> quoted = columns.stream().map(Column::quote).toList();
        CompletableFuture<InsertResponse> f =
                client.insert(table, quoted, body, ClickHouseFormat.TabSeparated, new InsertSettings());
        return f.thenApply(r -> {
            try (r) {
                return r.getWrittenRows();
            }
        });
    }

    /** The error of a failed statement or insert as a {@link LandfallException}. */
    LandfallException translate(Throwable e, String doing) {
        if (e instanceof InterruptedException) {
            Thread.currentThread().interrupt();
        }
        return e instanceof LandfallException le ? le : ClickHouseErrors.translate(e, location, doing);
    }

    @Override
    public void close() {
        client.close();
    }
}
