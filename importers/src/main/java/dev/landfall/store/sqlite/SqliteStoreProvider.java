package dev.landfall.store.sqlite;

import dev.landfall.core.spi.EmptySource;
import dev.landfall.core.spi.KvAccess;
import dev.landfall.core.spi.Source;
import dev.landfall.core.spi.Store;
import dev.landfall.core.spi.StoreUri;
import dev.landfall.core.store.AbstractStoreProvider;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.sqlite.SQLiteConfig;

/** Opens {@code sqlite:PATH[?busy_timeout=MS&synchronous=normal|full]} as a {@link SqliteStore}. */
public final class SqliteStoreProvider extends AbstractStoreProvider {
    public SqliteStoreProvider() {
        super("sqlite", "sqlite:PATH  the embedded default: one SQLite file (WAL), created owner-only if missing");
    }

    @Override
    public Store open(StoreUri uri) {
        return SqliteStore.open(SqliteLocation.from(uri));
    }

    /** Serves the file key by key, creating it and the tables when missing, as {@link #open} does. */
    @Override
    public KvAccess openKvAccess(StoreUri uri) {
        return SqliteKvAccess.open(SqliteLocation.from(uri));
    }

    /**
     * A database file that does not exist yet, or holds none of Landfall's tables, reads as empty
     * and is left exactly as it is: plan and verify write nothing anywhere.
     */
    @Override
    public Source openForReading(StoreUri uri) {
        SqliteLocation where = SqliteLocation.from(uri);
        if (!Files.exists(where.file()) || !holdsLandfallTables(where)) {
            return new EmptySource(where.label());
        }
        return SqliteStore.open(where);
    }

    private static boolean holdsLandfallTables(SqliteLocation where) {
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        try (Connection c = config.createConnection("jdbc:sqlite:" + where.file());
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT count(*) FROM sqlite_master WHERE name IN ('"
                        + SqliteSchema.NAMESPACES + "', '" + SqliteSchema.KV + "', '" + SqliteSchema.DO + "')")) {
            return rs.next() && rs.getInt(1) > 0;
        } catch (SQLException e) {
            // Not a database, locked, unreadable: opening it properly reports that with its fix.
            return true;
        }
    }

    /** Its stores hold an import's writes until the bundle's check passed. */
    @Override
    public boolean holdsWrites() {
        return true;
    }
}
