package dev.landfall.store.sqlite;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.landfall.core.error.ErrorKind;
import dev.landfall.core.error.LandfallException;
import dev.landfall.core.model.Entry;
import dev.landfall.core.model.Key;
import dev.landfall.core.model.KvNamespace;
import dev.landfall.core.spi.Checkpoint;
import dev.landfall.core.spi.Cursor;
import dev.landfall.core.spi.ScopeWriter;
import dev.landfall.core.spi.Store;
import dev.landfall.core.spi.StoreUri;
import dev.landfall.core.spi.WriteMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What an operator sees when a SQLite store cannot be used, and that the file is left as it was. */
class SqliteErrorsTest {
    private static final KvNamespace KV = new KvNamespace("0f2ac74b498b48028cb68387c421e279", "SESSIONS");

    @TempDir
    Path dir;

    private static Store open(String uri) {
        return new SqliteStoreProvider().open(StoreUri.parse(uri));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "sqlite:",
                "sqlite:?busy_timeout=10",
                "sqlite:///landfall.db",
                "sqlite::memory:",
                "sqlite:x.db?busy_timeout=soon",
                "sqlite:x.db?busy_timeout=-1",
                "sqlite:x.db?synchronous=off",
                "sqlite:x.db?journal_mode=delete"
            })
    void malformedUrisAreUsageErrorsNamingTheUri(String uri) {
        LandfallException e = assertThrows(LandfallException.class, () -> open(uri));
        assertEquals(ErrorKind.USAGE, e.kind());
        assertTrue(e.getMessage().startsWith("store '" + uri + "'"), e.getMessage());
        assertTrue(e.hint().isPresent());
    }

    @Test
    void optionsAreRead() {
        SqliteLocation location =
                SqliteLocation.from(StoreUri.parse("sqlite:a/b.db?busy_timeout=250&synchronous=FULL"));
        assertEquals(Path.of("a/b.db"), location.file());
        assertEquals(250, location.busyTimeoutMillis());
        assertEquals(SqliteLocation.Synchronous.FULL, location.synchronous());
        assertEquals("sqlite:a/b.db?busy_timeout=250&synchronous=FULL", location.label());
        SqliteLocation defaults = SqliteLocation.from(StoreUri.parse("sqlite:landfall.db"));
        assertEquals(SqliteLocation.DEFAULT_BUSY_TIMEOUT_MS, defaults.busyTimeoutMillis());
        assertEquals(SqliteLocation.Synchronous.FULL, defaults.synchronous());
    }

    @Test
    void aDirectoryIsNotADatabase() {
        LandfallException e = assertThrows(LandfallException.class, () -> open("sqlite:" + dir));
        assertEquals(ErrorKind.USAGE, e.kind());
        assertEquals("store sqlite:" + dir + ": " + dir + " is a directory", e.getMessage());
    }

    @Test
    void aFileThatIsNotADatabaseIsRefusedAndLeftAlone() throws Exception {
        Path file = dir.resolve("notes.txt");
        byte[] text = "these are my notes, not a database\n".repeat(200).getBytes(StandardCharsets.UTF_8);
        Files.write(file, text);

        LandfallException e = assertThrows(LandfallException.class, () -> open("sqlite:" + file));

        assertEquals(ErrorKind.USAGE, e.kind());
        assertEquals(
                "store sqlite:" + file + ": " + file + " is not a SQLite database (file is not a database)",
                e.getMessage());
        assertTrue(
                e.hint().orElseThrow().contains("point --to at a new file"),
                e.hint().orElseThrow());
        assertArrayEquals(text, Files.readAllBytes(file));
        assertEquals(Set.of(file), Set.copyOf(Files.list(dir).toList()), "no -wal or -shm files were left behind");
    }

    @Test
    void aReadOnlyFileIsRejectedWithTheFix() throws Exception {
        Path file = dir.resolve("ro.db");
        open("sqlite:" + file).close();
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("r--------"));
        assumeFalse(Files.isWritable(file), "this user (root?) may write a read-only file");

        LandfallException e = assertThrows(LandfallException.class, () -> open("sqlite:" + file));

        assertEquals(ErrorKind.REJECTED, e.kind());
        assertEquals("store sqlite:" + file + ": " + file + " is read-only", e.getMessage());
        assertEquals(
                "make " + file + " writable (chmod u+w " + file + "), or point --to at another file",
                e.hint().orElseThrow());
    }

    @Test
    void aDirectoryThatCannotBeWrittenIsRejectedWithTheFix() throws Exception {
        Path locked = Files.createDirectory(dir.resolve("locked"));
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("r-x------"));
        try {
            assumeFalse(Files.isWritable(locked), "this user (root?) may write a read-only directory");
            LandfallException e =
                    assertThrows(LandfallException.class, () -> open("sqlite:" + locked.resolve("sub/landfall.db")));
            assertEquals(ErrorKind.REJECTED, e.kind());
            assertEquals(
                    "store sqlite:" + locked.resolve("sub/landfall.db") + ": cannot create "
                            + locked.resolve("sub/landfall.db") + ": directory " + locked + " is not writable",
                    e.getMessage());
        } finally {
            Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rwx------"));
        }
    }

    @Test
    void theReadOnlyResultCodeIsRejected() {
        SqliteLocation where = SqliteLocation.from(StoreUri.parse("sqlite:ro.db"));
        java.sql.SQLException readOnly = new java.sql.SQLException(
                "[SQLITE_READONLY] Attempt to write a readonly database (attempt to write a readonly database)",
                null,
                SqliteErrors.READONLY);
        LandfallException e = SqliteErrors.map(where, "write a batch", readOnly);
        assertEquals(ErrorKind.REJECTED, e.kind());
        assertEquals("store sqlite:ro.db: ro.db is read-only", e.getMessage());
        // Extended codes (SQLITE_READONLY_DBMOVED = 8 | 4 << 8) map like their primary code.
        assertEquals(
                ErrorKind.REJECTED,
                SqliteErrors.map(where, "write", new java.sql.SQLException("x", null, 8 | (4 << 8)))
                        .kind());
    }

    @Test
    void aWriterLockedOutBeyondTheBusyTimeoutFailsTransientlyAndCanRetry() throws Exception {
        Path file = dir.resolve("busy.db");
        try (Store store = open("sqlite:" + file + "?busy_timeout=50");
                ScopeWriter w = store.open(KV, WriteMode.UPSERT)) {
            w.put(new Entry(KV, Key.of("a"), new byte[] {1}, null, null));
            try (Connection other = SqliteSchemaTest.connect(file);
                    Statement s = other.createStatement()) {
                s.execute("BEGIN IMMEDIATE");

                LandfallException e = assertThrows(LandfallException.class, w::flush);

                assertEquals(ErrorKind.TRANSIENT, e.kind());
                assertEquals(
                        "store sqlite:" + file + "?busy_timeout=50: cannot write a batch of 1 to " + KV.describe()
                                + ": " + file + " is locked by another writer (waited 50 ms)",
                        e.getMessage());
                assertTrue(
                        e.hint().orElseThrow().contains("busy_timeout"),
                        e.hint().orElseThrow());
                s.execute("ROLLBACK");
            }
            w.flush(); // the batch was kept: the retry applies it
            try (Cursor<Entry> c = store.entries(KV, Checkpoint.START)) {
                assertTrue(c.next());
                assertEquals(Key.of("a"), c.current().key());
            }
        }
    }

    @Test
    void newFilesAndDirectoriesAreOwnerOnly() throws Exception {
        Path file = dir.resolve("new/deeper/landfall.db");
        try (Store store = open("sqlite:" + file);
                ScopeWriter w = store.open(KV, WriteMode.UPSERT)) {
            w.put(new Entry(KV, Key.of("a"), new byte[] {1}, null, null));
            w.flush();
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
            Path wal = file.resolveSibling("landfall.db-wal");
            assertTrue(Files.exists(wal), "WAL mode keeps a -wal file while open");
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(wal)));
        }
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("new"))));
        assertEquals(
                "rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("new/deeper"))));
    }

    @Test
    void aClosedStoreSaysSo() throws Exception {
        Store store = open("sqlite:" + dir.resolve("closed.db"));
        store.close();
        assertThrows(IllegalStateException.class, () -> store.entries(KV, Checkpoint.START));
        assertThrows(IllegalStateException.class, () -> store.open(KV, WriteMode.UPSERT));
    }
}
