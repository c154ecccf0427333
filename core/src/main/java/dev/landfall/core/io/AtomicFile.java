package dev.landfall.core.io;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Objects;

/**
 * A file that appears whole or not at all: written to {@code NAME.tmp} (owner-only), forced to
 * disk, then renamed over {@code NAME} and the directory synced. Readers never see a half-written
 * {@code NAME}; a crash leaves at most a {@code NAME.tmp}, which readers must ignore.
 *
 * <p>Lifecycle: {@link #create(Path)}, write to {@link #stream()}, then {@link #commit()}. {@link
 * #close()} without a commit deletes the temp file. Used from one thread.
 */
public final class AtomicFile implements Closeable {
    /** The suffix of temp files, which readers ignore. */
    public static final String TMP_SUFFIX = ".tmp";

    private final Path target;
    private final Path tmp;
    private final FileChannel channel;
    private final BufferedOutputStream buffer;
    private final OutputStream stream;
    private boolean finished;

    private AtomicFile(Path target) throws IOException {
        this.target = target;
        this.tmp = tmpFor(target);
        this.channel = OwnerOnly.newFile(tmp);
        this.buffer = new BufferedOutputStream(Channels.newOutputStream(channel), 64 * 1024);
        this.stream = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                buffer.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                buffer.write(b, off, len);
            }

            @Override
            public void flush() throws IOException {
                buffer.flush();
            }

            @Override
            public void close() throws IOException {
                // Wrappers (gzip, JSON) close their target when they finish; the file stays open
                // until commit() or close() of the AtomicFile.
                buffer.flush();
            }
        };
    }

    /** Starts writing {@code target}; its parent directory must exist. */
    public static AtomicFile create(Path target) throws IOException {
        return new AtomicFile(Objects.requireNonNull(target, "target"));
    }

    /** Writes a small file atomically in one call. */
    public static void write(Path target, byte[] content) throws IOException {
        try (AtomicFile file = create(target)) {
            file.stream().write(content);
            file.commit();
        }
    }

    /** The temp file name used for a target. */
    public static Path tmpFor(Path target) {
        return target.resolveSibling(target.getFileName() + TMP_SUFFIX);
    }

    /** The final name. */
    public Path target() {
        return target;
    }

    /** Where the bytes go; closing it does not close the file. */
    public OutputStream stream() {
        return stream;
    }

    /**
     * Forces the content to disk, renames the temp file over the target and syncs the directory.
     *
     * @throws IllegalStateException if already committed or closed
     */
    public void commit() throws IOException {
        commit(true);
    }

    /**
     * As {@link #commit()}, but leaves syncing the directory to the caller: for several files
     * renamed into one directory, one {@link OwnerOnly#syncDirectory(Path)} after the last makes
     * all the renames durable. Until then a crash may lose the file (never leave half of it).
     */
    public void commitWithoutDirectorySync() throws IOException {
        commit(false);
    }

    private void commit(boolean syncDirectory) throws IOException {
        if (finished) {
            throw new IllegalStateException("already finished: " + target);
        }
        finished = true;
        boolean moved = false;
        try {
            buffer.flush();
            channel.force(true);
            channel.close();
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            moved = true;
            if (syncDirectory) {
                OwnerOnly.syncDirectory(target.toAbsolutePath().getParent());
            }
        } finally {
            if (!moved) {
                channel.close();
                Files.deleteIfExists(tmp);
            }
        }
    }

    /** Abandons the file unless it was committed: the temp file is deleted. Idempotent. */
    @Override
    public void close() throws IOException {
        if (finished) {
            return;
        }
        finished = true;
        try {
            channel.close();
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
