package dev.landfall.store;

import dev.landfall.core.model.Key;
import dev.landfall.core.model.KvNamespace;
import dev.landfall.core.spi.KvAccess.KeyInfo;
import dev.landfall.core.spi.KvAccess.KeyPage;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the rows of the tables the SQL stores (SQLite, PostgreSQL) share with each other: a
 * namespace is {@code (namespace_id, title)}, a listed key {@code (key, metadata, expiration)}.
 */
public final class KvTableRows {
    /** Reads the key column of the current row, as the store holds keys. */
    @FunctionalInterface
    public interface KeyColumn {
        Key read(ResultSet rs, int column) throws SQLException;
    }

    private KvTableRows() {}

    /** Every row, {@code (namespace_id, title)}. */
    public static List<KvNamespace> namespaces(ResultSet rs) throws SQLException {
        List<KvNamespace> found = new ArrayList<>();
        while (rs.next()) {
            found.add(new KvNamespace(rs.getString(1), rs.getString(2)));
        }
        return found;
    }

    /**
     * Up to {@code limit} rows {@code (key, metadata, expiration)}, from a query asked for {@code
     * limit + 1}: one row more than asked says exactly whether another live key follows.
     */
    public static KeyPage keyPage(ResultSet rs, int limit, KeyColumn key) throws SQLException {
        List<KeyInfo> keys = new ArrayList<>();
        while (rs.next()) {
            if (keys.size() == limit) {
                return new KeyPage(keys, false);
            }
            keys.add(new KeyInfo(key.read(rs, 1), rs.getString(2), expiration(rs, 3)));
        }
        return new KeyPage(keys, true);
    }

    /** An expiration column: epoch seconds, or null for none. */
    public static Long expiration(ResultSet rs, int column) throws SQLException {
        long expiration = rs.getLong(column);
        return rs.wasNull() ? null : expiration;
    }
}
