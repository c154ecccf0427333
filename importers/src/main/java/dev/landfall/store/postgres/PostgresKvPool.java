package dev.landfall.store.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.landfall.core.error.LandfallException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.Objects;

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

    private static final int READ_TIMEOUT_S = 5;

    private PostgresKvPool() {}

    static HikariDataSource newPool(PostgresUri uri, PgPassword.Found password) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("landfall-serve");
        config.setJdbcUrl("jdbc:postgresql://" + uri.urlHost() + ":" + uri.port() + "/"
                + URLEncoder.encode(uri.database(), StandardCharsets.UTF_8));
        config.setUsername(uri.user());
        password.secret().ifPresent(s -> config.setPassword(s.reveal()));
        uri.sslmode().ifPresent(m -> config.addDataSourceProperty("sslmode", m));
        config.addDataSourceProperty("ApplicationName", "landfall serve");
        config.addDataSourceProperty("connectTimeout", String.valueOf(CONNECT_TIMEOUT_S));
        config.addDataSourceProperty("loginTimeout", String.valueOf(CONNECT_TIMEOUT_S));
        config.addDataSourceProperty("socketTimeout", String.valueOf(READ_TIMEOUT_S));
        config.addDataSourceProperty("tcpKeepAlive", "true");
        // Server-side prepared from the first execution: every call's SQL is one of five texts.
        config.addDataSourceProperty("prepareThreshold", "1");
        config.setMaximumPoolSize(SIZE);
        config.setMinimumIdle(2);
        config.setConnectionTimeout(BORROW_TIMEOUT_MS);
        config.setValidationTimeout(1_000);
        // Start even when the server is down: calls fail (503) until it is back.
        config.setInitializationFailTimeout(-1);
        return new HikariDataSource(config);
    }

    /**
     * The error for a failed call: a connection that could not be had is "cannot reach", with the
     * driver's reason when the pool kept it; anything else is mapped as import maps it.
     */
    static LandfallException failure(PostgresErrors errors, String what, SQLException e) {
        SQLException cause = e;
        if (e.getCause() instanceof SQLException driver) {
            cause = driver; // the pool's timeout wraps the driver's last connection error
        }
        String state = Objects.toString(cause.getSQLState(), "");
        if (state.startsWith("08") || state.startsWith("28") || state.equals("3D000")) {
            return errors.connecting(cause);
        }
        return errors.doing(what, cause);
    }
}
