package dev.landfall.core.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Files and directories that hold exported data: created owner-only (0600 files, 0700 directories)
 * where the file system supports POSIX permissions, and left to the platform's defaults where it
 * does not (Windows).
 */
public final class OwnerOnly {
    private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");

    private OwnerOnly() {}

    /** Creates the directory and any missing parents, each new one 0700. Existing ones are left as they are. */
    public static Path createDirectories(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return dir;
        }
        if (supportsPosix(dir)) {
            return Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(DIRECTORY));
        }
        return Files.createDirectories(dir);
    }

    /**
     * Opens a file for writing, creating it 0600 or truncating it (and making it 0600) if it exists.
     */
    public static FileChannel newFile(Path file) throws IOException {
        Set<OpenOption> options =
                Set.of(StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
        if (!supportsPosix(file)) {
            return FileChannel.open(file, options);
        }
        FileAttribute<Set<PosixFilePermission>> attribute = PosixFilePermissions.asFileAttribute(FILE);
        FileChannel channel = FileChannel.open(file, options, attribute);
        try {
            // An existing file keeps its old mode through CREATE; make it owner-only as well.
            Files.setPosixFilePermissions(file, FILE);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        return channel;
    }

    /** Opens a file for reading and writing, creating it 0600 if it does not exist; never truncates it. */
    public static FileChannel openOrCreate(Path file) throws IOException {
        Set<OpenOption> options = Set.of(StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        return supportsPosix(file)
                ? FileChannel.open(file, options, PosixFilePermissions.asFileAttribute(FILE))
                : FileChannel.open(file, options);
    }

    /**
     * Appends text (UTF-8) to a file, creating it 0600 if it does not exist; an existing file keeps
     * its mode. For logs and records that grow a line at a time.
     */
    public static void append(Path file, String text) throws IOException {
        Set<OpenOption> options =
                Set.of(StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
        ByteBuffer bytes = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
        try (FileChannel channel = supportsPosix(file)
                ? FileChannel.open(file, options, PosixFilePermissions.asFileAttribute(FILE))
                : FileChannel.open(file, options)) {
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
        }
    }

    /**
     * Makes a rename or delete in the directory durable. Best effort: platforms that cannot open a
     * directory (Windows) make renames durable on their own.
     */
    public static void syncDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Not supported on this platform; nothing more can be done.
        }
    }

    private static boolean supportsPosix(Path path) {
        FileSystem fs = path.getFileSystem();
        return fs.supportedFileAttributeViews().contains("posix");
    }
}
