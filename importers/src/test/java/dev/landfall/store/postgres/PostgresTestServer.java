package dev.landfall.store.postgres;

import dev.landfall.core.spi.StoreUri;
import dev.landfall.store.TestServers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;
import java.util.HexFormat;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

/** The test server of {@link TestServers#postgresUrl()}, with URIs and admin connections for tests. */
final class PostgresTestServer {
    /** A resolver that finds no password anywhere: the tests' URIs carry their own. */
    static final PgPassword NO_PASSWORDS = new PgPassword(Map.of(), null);

    private PostgresTestServer() {}

    /** The server's URI as given (with the test password). */
    static String url() {
        return TestServers.postgresUrl();
    }

    /** The server's URI with tables in the given schema. */
    static String url(String schema) {
        String url = url();
        return url + (url.contains("?") ? "&" : "?") + "schema=" + schema;
    }

    static PostgresUri uri() {
        return PostgresUri.parse(StoreUri.parse(url()));
    }

    /** Opens a store at the URI with no environment or password file. */
    static PostgresStore open(String url) {
        return PostgresStore.open(PostgresUri.parse(StoreUri.parse(url)), NO_PASSWORDS);
    }

    /** A schema name for a test directory: {@code lf_test_} and a hash of the path. */
    static String schemaFor(Path dir) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest(dir.toAbsolutePath().toString().getBytes(StandardCharsets.UTF_8));
            return "lf_test_" + HexFormat.of().formatHex(hash, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A fresh, unique name with the prefix, for schemas and databases. */
    static String unique(String prefix) {
        return prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    /** A plain JDBC connection to the test database. */
    static Connection connect() throws SQLException {
        return connect(uri().database());
    }

    /** A plain JDBC connection to another database of the test server. */
    static Connection connect(String database) throws SQLException {
        PostgresUri u = uri();
        Properties props = new Properties();
        props.setProperty("user", u.user());
        props.setProperty("password", u.password().orElseThrow().reveal());
        return DriverManager.getConnection("jdbc:postgresql://" + u.urlHost() + ":" + u.port() + "/" + database, props);
    }

    /** Runs statements on the test database. */
    static void execute(String... sql) throws SQLException {
        try (Connection c = connect();
                Statement s = c.createStatement()) {
            for (String q : sql) {
                s.execute(q);
            }
        }
    }

    /** Drops the schemas and everything in them. */
    static void dropSchemas(Collection<String> schemas) throws SQLException {
        if (schemas.isEmpty()) {
            return;
        }
        try (Connection c = connect();
                Statement s = c.createStatement()) {
            for (String schema : schemas) {
                s.execute("DROP SCHEMA IF EXISTS \"" + schema + "\" CASCADE");
            }
        }
    }
}
