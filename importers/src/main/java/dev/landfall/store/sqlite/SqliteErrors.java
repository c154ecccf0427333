package dev.landfall.store.sqlite;

import dev.landfall.core.error.LandfallException;
import java.sql.SQLException;

/**
 * Turns SQLite's result codes into {@link LandfallException}s that name the store and the fix: the
 * one place where this store translates driver errors. SQLite URIs hold no secrets, so the
 * driver's message may be kept.
 */
final class SqliteErrors {
    // Primary result codes, https://sqlite.org/rescode.html
    static final int PERM = 3;
    static final int BUSY = 5;
    static final int LOCKED = 6;
    static final int READONLY = 8;
    static final int IOERR = 10;
    static final int CORRUPT = 11;
    static final int FULL = 13;
    static final int CANTOPEN = 14;
    static final int AUTH = 23;
    static final int NOTADB = 26;

    private SqliteErrors() {}

    /**
     * The error for a failed operation.
     *
     * @param doing what was being done, such as "write a batch", for the message
     */
    static LandfallException map(SqliteLocation where, String doing, SQLException e) {
        String store = "store " + where.label() + ": ";
        String file = where.file().toString();
        String detail = detail(e);
        // Extended result codes carry the primary code in their low byte.
        return switch (e.getErrorCode() & 0xff) {
            case BUSY, LOCKED ->
                LandfallException.transientFailure(
                        store + "cannot " + doing + ": " + file + " is locked by another writer (waited "
                                + where.busyTimeoutMillis() + " ms)",
                        "let the other process writing " + file + " finish, or wait longer with ?busy_timeout=MS",
                        e);
            case READONLY -> readOnly(where);
            case PERM, AUTH, CANTOPEN ->
                LandfallException.rejected(
                        store + "cannot open " + file + " (" + detail + ")",
                        "check that " + file + " and its directory exist and that this user may write both");
            case NOTADB -> notADatabase(where, e);
            case CORRUPT ->
                LandfallException.failed(
                        store + file + " is damaged (" + detail + ")",
                        "restore " + file + " from a backup, or import into a new file",
                        e);
            case FULL ->
                LandfallException.failed(
                        store + "cannot " + doing + ": the disk holding " + file + " is full",
                        "free some space, then rerun with --resume",
                        e);
            case IOERR ->
                LandfallException.failed(
                        store + "cannot " + doing + ": disk I/O error on " + file + " (" + detail + ")",
                        "check the disk and file system holding " + file + ", then rerun with --resume",
                        e);
            default -> LandfallException.failed(store + "cannot " + doing + ": " + detail, null, e);
        };
    }

    /** The file or its directory cannot be written. */
    static LandfallException readOnly(SqliteLocation where) {
        String file = where.file().toString();
        return LandfallException.rejected(
                "store " + where.label() + ": " + file + " is read-only",
                "make " + file + " writable (chmod u+w " + file + "), or point --to at another file");
    }

    /** SQLite keeps its -wal and -shm files next to the database, so the directory must be writable too. */
    static LandfallException directoryNotWritable(SqliteLocation where, String dir) {
        return LandfallException.rejected(
                "store " + where.label() + ": directory " + dir + " is not writable, and SQLite keeps its -wal and"
                        + " -shm files next to the database",
                "make " + dir + " writable by this user, or point --to at a file in another directory");
    }

    static LandfallException notADatabase(SqliteLocation where, Throwable cause) {
        String file = where.file().toString();
        return LandfallException.usage(
                "store " + where.label() + ": " + file + " is not a SQLite database (file is not a database)",
                "point --to at a new file or at a database Landfall wrote; Landfall never overwrites other files",
                cause);
    }

    /** The driver message without its "[SQLITE_X] Generic text" prefix: "(database is locked)" → "database is locked". */
    private static String detail(SQLException e) {
        String m = String.valueOf(e.getMessage());
        int open = m.lastIndexOf(" (");
        if (m.startsWith("[SQLITE_") && open > 0 && m.endsWith(")")) {
            return m.substring(open + 2, m.length() - 1);
        }
        return m;
    }
}
