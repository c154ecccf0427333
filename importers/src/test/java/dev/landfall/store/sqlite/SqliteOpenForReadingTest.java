package dev.landfall.store.sqlite;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.landfall.core.model.KvNamespace;
import dev.landfall.core.spi.Checkpoint;
import dev.landfall.core.spi.Cursor;
import dev.landfall.core.spi.Source;
import dev.landfall.core.spi.StoreUri;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading, as plan and verify do, never creates or changes a file. */
class SqliteOpenForReadingTest {
    @TempDir
    Path dir;

    @Test
    void aMissingFileReadsAsEmptyAndIsNotCreated() throws Exception {
        Path file = dir.resolve("missing.db");
        try (Source s = new SqliteStoreProvider().openForReading(StoreUri.parse("sqlite:" + file));
                Cursor<?> scopes = s.scopes()) {
            assertFalse(scopes.next());
        }
        assertFalse(Files.exists(file));
    }

    @Test
    void aForeignDatabaseReadsAsEmptyAndStaysByteForByteTheSame() throws Exception {
        Path file = dir.resolve("foreign.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement st = c.createStatement()) {
            st.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)");
            st.execute("INSERT INTO notes (text) VALUES ('keep me')");
        }
        byte[] before = Files.readAllBytes(file);
        try (Source s = new SqliteStoreProvider().openForReading(StoreUri.parse("sqlite:" + file));
                Cursor<?> entries = s.entries(new KvNamespace("a", "A"), Checkpoint.START)) {
            assertFalse(entries.next());
        }
        assertArrayEquals(before, Files.readAllBytes(file));
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement st = c.createStatement()) {
            assertFalse(st.executeQuery("SELECT 1 FROM sqlite_master WHERE name LIKE 'landfall%'")
                    .next());
            assertTrue(st.executeQuery("SELECT 1 FROM notes").next());
        }
    }
}
