package dev.landfall.store.sqlite;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * The statements prepared on one connection, each prepared once and reused: writers, cursors and
 * list pages run the same few SQL texts batch after batch. Used by one thread at a time, as its
 * connection is.
 */
final class PreparedStatements {
    private final Connection connection;
    private final Map<String, PreparedStatement> statements = new HashMap<>();

    PreparedStatements(Connection connection) {
        this.connection = connection;
    }

    /** The statement for {@code sql}, prepared on first use. */
    PreparedStatement get(String sql) throws SQLException {
        PreparedStatement ps = statements.get(sql);
        if (ps == null) {
            ps = connection.prepareStatement(sql);
            statements.put(sql, ps);
        }
        return ps;
    }

    /** Closes every statement; one that fails to close is dropped all the same, as the connection closes next. */
    void close() {
        for (PreparedStatement ps : statements.values()) {
            try {
                ps.close();
            } catch (SQLException e) {
                // closing anyway
            }
        }
        statements.clear();
    }
}
