package dev.landfall.store.clickhouse;

import dev.landfall.core.error.LandfallException;
import java.io.Closeable;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A dual run's samples table in ClickHouse ({@code verify latency --samples clickhouse://…}): one
 * INSERT per batch of {@link LatencySample}s. The table is created by {@link #open()} or, when the
 * server was down then, on the first batch that finds it up, so a run still gets the rest of its
 * samples.
 *
 * <p>Lifecycle: {@link #of} checks the location and table name without any I/O, {@link #open()}
 * connects, then {@link #write} from one thread, then {@link #close()}.
 */
public final class ClickHouseSampleStore implements Closeable {
    /** How a samples location is written, for messages. */
    public static final String FORM = ClickHouseLocation.FORM;

    /** The table's name unless told otherwise. */
    public static final String DEFAULT_TABLE = LatencySampleTable.DEFAULT_NAME;

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");

    private final ClickHouseLocation location;
    private final String table;
    private ClickHouseSession session;
    private ClickHouseRowWriter rows;

    private ClickHouseSampleStore(ClickHouseLocation location, String table) {
        this.location = location;
        this.table = table;
    }

    /**
     * Checks where the samples go, before anything is sent.
     *
     * @param uri {@code clickhouse://…}, the password possibly from the environment
     * @param env the environment (for the password)
     * @param table a plain table name
     * @throws LandfallException USAGE naming {@code --samples} or {@code --samples-table}
     */
    public static ClickHouseSampleStore of(String uri, Map<String, String> env, String table) {
        if (!ClickHouseLocation.matches(uri)) {
            throw LandfallException.usage("--samples " + uri + " is not a ClickHouse location", "write it as " + FORM);
        }
        ClickHouseLocation location = ClickHouseLocation.parse(uri, env);
        if (!NAME.matcher(table).matches()) {
            throw LandfallException.usage(
                    "--samples-table " + table + " is not a plain table name",
                    "use letters, digits and underscores, not starting with a digit");
        }
        return new ClickHouseSampleStore(location, table);
    }

    /** The location for messages, password masked. */
    public String target() {
        return location.label();
    }

    /** The table's name. */
    public String table() {
        return table;
    }

    /**
     * Connects and creates the table if it does not exist.
     *
     * @throws LandfallException from the server: REJECTED/USAGE for a refused login, a missing
     *     database or a read-only user; TRANSIENT when the server is down (the caller may go on:
     *     {@link #write} tries again)
     */
    public void open() {
        if (session == null) {
            session = ClickHouseSession.open(location);
        }
        if (rows == null) {
            // The writer's own batching is out of the way: callers hand over whole batches.
            rows = LatencySampleTable.open(session, table, Integer.MAX_VALUE);
        }
    }

    /**
     * Stores a batch with one INSERT; on failure nothing of it stays queued.
     *
     * @param runId the run's id in every row
     * @param region the load generator's region in every row
     */
    public void write(String runId, String region, List<LatencySample> batch) {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(region, "region");
        open();
        for (LatencySample s : batch) {
            LatencySampleTable.append(
                    rows,
                    runId,
                    region,
                    s.requestIndex(),
                    s.sentAt(),
                    s.endpoint(),
                    s.latencyMicros(),
                    s.status(),
                    s.parity());
        }
        try {
            rows.flush();
        } catch (RuntimeException e) {
            rows.discard();
            throw e;
        }
    }

    /** Closes the connection. Idempotent. */
    @Override
    public void close() {
        if (session != null) {
            session.close();
        }
    }
}
