package dev.landfall.store.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.landfall.core.model.Entry;
import dev.landfall.core.model.Key;
import dev.landfall.core.model.KvNamespace;
import dev.landfall.core.spi.ScopeWriter;
import dev.landfall.core.spi.StoreUri;
import dev.landfall.core.spi.WriteMode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A held import into a file the store created writes with the rollback journal (each page once,
 * into the file), and the file is in WAL mode once the import has committed; every other write
 * goes through the WAL from the start.
 */
class SqliteJournalModeTest {
    private static final KvNamespace KV = new KvNamespace("0f2ac74b498b48028cb68387c421e279", "SESSIONS");

    @TempDir
    Path dir;

    @Test
    void aHeldImportIntoANewFileWritesWithoutTheWalThenTurnsItToWal() throws Exception {
        Path db = dir.resolve("new.db");
        try (SqliteStore store = open(db)) {
            store.holdWrites();
            writeOne(store, "a");
            assertTrue(Files.exists(sibling(db, "-journal")), "the rollback journal guards the held writes");
            assertFalse(Files.exists(sibling(db, "-wal")), "no page goes to a write-ahead log");
            store.commitHeld();
        }
        assertWal(db);
        assertEquals("1", count(db));
    }

    @Test
    void aHeldImportIntoAnExistingFileGoesThroughTheWal() throws Exception {
        Path db = dir.resolve("old.db");
        open(db).close();
        try (SqliteStore store = open(db)) {
            store.holdWrites();
            writeOne(store, "a");
            assertTrue(Files.exists(sibling(db, "-wal")), "readers keep reading the file while the import runs");
            store.commitHeld();
        }
        assertWal(db);
    }

    @Test
    void writesNotHeldGoThroughTheWalInANewFileToo() throws Exception {
        Path db = dir.resolve("unheld.db");
        try (SqliteStore store = open(db)) {
            writeOne(store, "a");
            assertTrue(Files.exists(sibling(db, "-wal")));
        }
        assertWal(db);
    }

    @Test
    void aNewFileOnlyReadIsLeftInWalMode() throws Exception {
        Path db = dir.resolve("read.db");
        open(db).close();
        assertWal(db);
    }

    @Test
    void anImportHeldAfterAWriteIntoTheNewFileGoesThroughTheWal() throws Exception {
        Path db = dir.resolve("mixed.db");
        try (SqliteStore store = open(db)) {
            writeOne(store, "a");
            store.holdWrites();
            writeOne(store, "b");
            assertFalse(Files.exists(sibling(db, "-journal")));
            store.commitHeld();
        }
        assertEquals("2", count(db));
    }

    private static void writeOne(SqliteStore store, String key) throws Exception {
        try (ScopeWriter w = store.open(KV, WriteMode.UPSERT)) {
            w.put(new Entry(KV, Key.of(key), new byte[] {1}, null, null));
            w.flush();
        }
    }

    private static void assertWal(Path db) throws Exception {
        try (var c = SqliteSchemaTest.connect(db)) {
            assertEquals("wal", SqliteSchemaTest.scalar(c, "PRAGMA journal_mode"));
        }
    }

    private static String count(Path db) throws Exception {
        try (var c = SqliteSchemaTest.connect(db)) {
            return SqliteSchemaTest.scalar(c, "SELECT count(*) FROM landfall_kv");
        }
    }

    private static Path sibling(Path db, String suffix) {
        return db.resolveSibling(db.getFileName() + suffix);
    }

    private static SqliteStore open(Path db) {
        return (SqliteStore) new SqliteStoreProvider().open(StoreUri.parse("sqlite:" + db));
    }
}
