package dev.landfall.store.sqlite;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The settings a store's connection runs with, applied in an order that matters: the page size
 * takes effect only while the database is still empty, and only before it turns to WAL.
 */
final class SqlitePragmas {
    /**
     * 16 KiB pages: four times fewer B-tree pages (and splits) than the 4 KiB default for rows of a
     * few hundred bytes, shorter overflow chains for large values, and one level less for a lookup
     * in a few million keys. Applies to new databases only.
     */
    static final int PAGE_SIZE = 16_384;
    /** 64 MiB of page cache (native memory, not Java heap): a batch's pages stay cached to commit. */
    static final int CACHE_KIB = 65_536;
    /**
     * Checkpoint the WAL into the database every 64 MiB of log rather than every 4 MiB: fewer
     * checkpoints (each fsyncs) during an import, and pages that several batches touch are copied
     * once. Closing the store checkpoints the rest and removes the WAL.
     */
    static final int WAL_AUTOCHECKPOINT_PAGES = (64 << 20) / PAGE_SIZE;

    private SqlitePragmas() {}

    /**
     * @param wal turn on WAL now; false for a file this store has just created, which {@link
     *     #useWal} turns later (see {@link SqliteStore})
     */
    static void apply(Connection connection, SqliteLocation where, boolean wal) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute("PRAGMA page_size = " + PAGE_SIZE);
            if (wal) {
                useWal(s, where);
            } else {
                // The rollback journal with NORMAL could leave a damaged file after a power cut.
                s.execute("PRAGMA synchronous = FULL");
            }
            s.execute("PRAGMA cache_size = -" + CACHE_KIB);
            s.execute("PRAGMA wal_autocheckpoint = " + WAL_AUTOCHECKPOINT_PAGES);
        }
    }

    /**
     * Turns the file to WAL: readers (the container service, a verify) keep reading while a batch
     * commits, and a commit is one append to the log, so a killed process leaves each batch wholly
     * in or out. The mode is kept in the file, for every later connection.
     */
    static void useWal(Connection connection, SqliteLocation where) throws SQLException {
        try (Statement s = connection.createStatement()) {
            useWal(s, where);
        }
    }

    private static void useWal(Statement s, SqliteLocation where) throws SQLException {
        s.execute("PRAGMA journal_mode = WAL");
        // NORMAL in WAL mode fsyncs at checkpoints, not at every commit: nothing committed is lost when
        // the process dies; a power cut may lose the last commits, never corrupt the file. FULL on request.
        s.execute("PRAGMA synchronous = " + where.synchronous().name());
    }
}
