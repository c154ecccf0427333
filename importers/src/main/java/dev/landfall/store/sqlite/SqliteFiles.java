package dev.landfall.store.sqlite;

import dev.landfall.core.error.LandfallException;
import dev.landfall.core.io.OwnerOnly;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Prepares the database file before SQLite opens it: creates missing parent directories (0700) and
 * the file itself (0600, as exported data must be), and checks that both can be written, so that
 * an unwritable store is reported by name before any work starts. SQLite gives its {@code -wal}
 * and {@code -shm} files the database file's permissions, so they are owner-only too.
 */
final class SqliteFiles {
    private SqliteFiles() {}

    /**
     * Makes sure the file exists and can be written.
     *
     * @return the absolute path for the driver
     * @throws LandfallException USAGE when the path is a directory; REJECTED when the file or its
     *     directory cannot be created or written
     */
    static Path prepare(SqliteLocation where) {
        Path file = where.file().toAbsolutePath();
        if (Files.isDirectory(file)) {
            throw LandfallException.usage(
                    "store " + where.label() + ": " + where.file() + " is a directory",
                    "name a database file, for example sqlite:" + where.file().resolve("landfall.db"));
        }
        Path dir = file.getParent();
        try {
            if (dir != null) {
                OwnerOnly.createDirectories(dir);
            }
            if (!Files.exists(file)) {
                createOwnerOnly(file);
            }
        } catch (AccessDeniedException e) {
            Path blocked = deepestExistingDirectory(file);
            throw LandfallException.rejected(
                    "store " + where.label() + ": cannot create " + where.file() + ": directory " + blocked
                            + " is not writable",
                    "make " + blocked + " writable by this user, or point --to at a file in another directory");
        } catch (FileSystemException e) {
            throw LandfallException.rejected(
                    "store " + where.label() + ": cannot create " + where.file() + ": " + reason(e),
                    "check the path, or point --to at a file in another directory");
        } catch (IOException e) {
            throw LandfallException.failed(
                    "store " + where.label() + ": cannot create " + where.file() + ": " + e.getMessage(),
                    "check the disk holding it",
                    e);
        }
        if (!Files.isWritable(file)) {
            throw SqliteErrors.readOnly(where);
        }
        if (dir != null && !Files.isWritable(dir)) {
            throw SqliteErrors.directoryNotWritable(where, dir.toString());
        }
        return file;
    }

    /**
     * Removes the database file and SQLite's files beside it, once closed: used for a file this
     * store created and never committed to. What cannot be removed is left (an empty database).
     */
    static void remove(SqliteLocation where) {
        Path file = where.file().toAbsolutePath();
        for (String suffix : new String[] {"-wal", "-shm", "-journal", ""}) {
            try {
                Files.deleteIfExists(Path.of(file + suffix));
            } catch (IOException e) {
                // an empty database, or SQLite's scratch beside it, is harmless
            }
        }
    }

    private static void createOwnerOnly(Path file) throws IOException {
        try {
            if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.createFile(
                        file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } else {
                Files.createFile(file);
            }
        } catch (FileAlreadyExistsException e) {
            // Another process created it in between: open theirs, never truncate it. An empty file is
            // a valid empty database to SQLite.
        }
    }

    /** The directory whose permission is the problem: the deepest one that exists. */
    private static Path deepestExistingDirectory(Path file) {
        Path dir = file.getParent();
        while (dir != null && !Files.exists(dir)) {
            dir = dir.getParent();
        }
        return dir;
    }

    private static String reason(FileSystemException e) {
        return e.getReason() == null ? e.getClass().getSimpleName() : e.getReason();
    }
}
