package dev.landfall.store.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.landfall.core.config.HostPort;
import dev.landfall.core.error.LandfallException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Objects;
import java.util.Properties;
import org.postgresql.Driver;

/**
 * The connection pool of a {@link PostgresKvAccess}: a few connections, and timeouts short enough
 * that an unreachable or hung server is an error within about two seconds rather than a request
 * that hangs, so {@code serve} answers 503 and keeps serving its cache.
 */
final class PostgresKvPool {
    /** Connections: a sidecar's few cores keep no more than this many statements busy at once. */
    static final int SIZE = 8;
    /** How long a call waits for a connection, including opening one, in milliseconds. */
    static final long BORROW_TIMEOUT_MS = 2_000;
    /** Seconds to open a TCP connection, and to wait for any one reply from the server. */
    private static final int CONNECT_TIMEOUT_S = 2;

    private static final int READ_TIMEOUT_S = 2;
    /**
     * How long a connection may sit unused and still be lent without a check. HikariCP checks a
     * connection idle longer than its 500 ms default with a round trip of its own before lending it,
     * which doubles a cold read whenever misses come less often than that, the usual case behind
     * a cache. Connections idle this long are checked in the background instead ({@link
     * HikariConfig#setKeepaliveTime}), and a read that meets one the server dropped is retried
     * ({@link #droppedByServer}).
     */
    static final long UNCHECKED_FOR_MS = 30_000;

    private static final String UNCHECKED_PROPERTY = "com.zaxxer.hikari.aliveBypassWindowMs";

    private PostgresKvPool() {}

    static HikariDataSource newPool(PostgresUri uri, PgPassword.Found password) {
        // HikariCP reads this only from a system property, when a pool is made; an operator's own
        // -D setting wins.
        if (System.getProperty(UNCHECKED_PROPERTY) == null) {
            System.setProperty(UNCHECKED_PROPERTY, Long.toString(UNCHECKED_FOR_MS));
        }
        HikariConfig config = new HikariConfig();
        config.setPoolName("landfall-serve");
        config.setJdbcUrl(uri.jdbcUrl());
        config.setDataSourceProperties(driverProperties(uri, password));
        config.setMaximumPoolSize(SIZE);
        config.setMinimumIdle(2);
        config.setConnectionTimeout(BORROW_TIMEOUT_MS);
        config.setValidationTimeout(1_000);
        config.setKeepaliveTime(UNCHECKED_FOR_MS);
        // Start even when the server is down: calls fail (503) until it is back.
        config.setInitializationFailTimeout(-1);
        return new HikariDataSource(config);
    }

    /**
     * Connects once outside the pool, with the pool's timeouts, and closes the connection: a refused
     * connection fails at once here, where the pool would retry until its timeout.
     *
     * @throws LandfallException TRANSIENT when the server cannot be reached; REJECTED for
     *     credentials or a missing database
     */
    static void probe(PostgresUri uri, PgPassword.Found password, PostgresErrors errors) {
        try (Connection c = new Driver().connect(uri.jdbcUrl(), driverProperties(uri, password))) {
            // reachable and accepted
        } catch (SQLException e) {
            throw errors.connecting(e);
        }
    }

    private static Properties driverProperties(PostgresUri uri, PgPassword.Found password) {
        Properties props = uri.driverProperties(password, "landfall serve");
        props.setProperty("connectTimeout", String.valueOf(CONNECT_TIMEOUT_S));
        props.setProperty("loginTimeout", String.valueOf(CONNECT_TIMEOUT_S));
        props.setProperty("socketTimeout", String.valueOf(READ_TIMEOUT_S));
        // Server-side prepared from the first execution: every call's SQL is one of six texts.
        props.setProperty("prepareThreshold", "1");
        return props;
    }

    /**
     * Whether a call failed because the server had closed its connection (a restart, an
     * administrator's {@code pg_terminate_backend}), not because it is slow or gone: then a fresh
     * connection will do, and a read is worth one retry. A timeout is not: retrying it would double
     * the wait of every call during an outage.
     */
    static boolean droppedByServer(SQLException e) {
        String state = Objects.toString(e.getSQLState(), "");
        if (state.startsWith("57P")) {
            return true; // admin_shutdown, crash_shutdown, cannot_connect_now
        }
        if (!state.startsWith("08")) {
            return false;
        }
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
            if (t instanceof java.net.SocketTimeoutException) {
                return false;
            }
        }
        return e.getCause() instanceof java.io.IOException;
    }

    /**
     * The error for a failed call: a connection that could not be had is "cannot reach", with the
     * driver's reason when the pool kept it; anything else is mapped as import maps it.
     */
    static LandfallException failure(PostgresUri uri, PostgresErrors errors, String what, SQLException e) {
        SQLException cause = e;
        if (e.getCause() instanceof SQLException driver) {
            cause = driver; // the pool's timeout wraps the driver's last connection error
        }
        String state = Objects.toString(cause.getSQLState(), "");
        if (cause instanceof SQLTransientConnectionException && state.isEmpty()) {
            // The pool gave up before the driver did (a server that accepts but does not answer).
            return LandfallException.transientFailure(
                    "cannot reach " + uri.label() + ": no connection within " + BORROW_TIMEOUT_MS + " ms",
                    "is the server at " + new HostPort(uri.host(), uri.port()) + " running and answering? check host"
                            + " and port",
                    null);
        }
        if (state.startsWith("08") || state.startsWith("28") || state.equals("3D000")) {
            return errors.connecting(cause);
        }
        return errors.doing(what, cause);
    }
}
