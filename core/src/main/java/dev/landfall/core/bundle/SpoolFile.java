package dev.landfall.core.bundle;

import dev.landfall.core.model.Entry;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.UUID;

/**
 * One temporary file of an {@link EntrySpool}: entries appended by one thread at a time, read back
 * by region from any thread. An entry is its fields in order, big-endian, each length-prefixed:
 *
 * <pre>
 *   key        u32 length, UTF-8 bytes
 *   value      u32 length, bytes
 *   metadata   i32 length (-1: none), UTF-8 JSON text
 *   expiration 0x00 (never), or 0x01 and i64 epoch seconds
 * </pre>
 *
 * The file is unlinked as soon as it is opened ({@code DELETE_ON_CLOSE} does so on POSIX systems),
 * so only this process can reach it and its space is freed when the process ends however it ends.
 */
final class SpoolFile implements Closeable {
    static final int BUFFER = 256 * 1024;

    private final FileChannel channel;
    private final ByteBuffer buffer = ByteBuffer.allocate(BUFFER);
    /** Bytes on disk, from the start of the file. */
    private long flushed;

    private SpoolFile(FileChannel channel) {
        this.channel = channel;
    }

    /** A new, owner-only spool file in the directory. */
    static SpoolFile create(Path dir) throws IOException {
        Path file = dir.resolve("landfall-spool-" + UUID.randomUUID() + ".tmp");
        Set<OpenOption> options = Set.of(
                StandardOpenOption.CREATE_NEW,
                StandardOpenOption.READ,
                StandardOpenOption.WRITE,
                StandardOpenOption.DELETE_ON_CLOSE);
        FileChannel channel =
                FileSystems.getDefault().supportedFileAttributeViews().contains("posix")
                        ? FileChannel.open(
                                file,
                                options,
                                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
                        : FileChannel.open(file, options);
        return new SpoolFile(channel);
    }

    /** Where the next entry goes: the end of what was appended. */
    long end() {
        return flushed + buffer.position();
    }

    /** Appends an entry; returns the bytes this call wrote to disk (the buffer fills up first). */
    long append(Entry e) throws IOException {
        long before = flushed;
        byte[] metadata = e.metadataJson() == null ? null : e.metadataJson().getBytes(StandardCharsets.UTF_8);
        room(4);
        buffer.putInt(e.key().size());
        put(e.key().bytes());
        room(4);
        buffer.putInt(e.value().length);
        put(e.value());
        room(4);
        buffer.putInt(metadata == null ? -1 : metadata.length);
        if (metadata != null) {
            put(metadata);
        }
        room(9);
        if (e.expiration() == null) {
            buffer.put((byte) 0);
        } else {
            buffer.put((byte) 1);
            buffer.putLong(e.expiration());
        }
        return flushed - before;
    }

    private void room(int bytes) throws IOException {
        if (buffer.remaining() < bytes) {
            flush();
        }
    }

    private void put(byte[] bytes) throws IOException {
        if (bytes.length <= buffer.remaining()) {
            buffer.put(bytes);
            return;
        }
        flush();
        if (bytes.length <= buffer.remaining()) {
            buffer.put(bytes);
            return;
        }
        write(ByteBuffer.wrap(bytes)); // a large value goes straight to the file
    }

    /** Writes what is buffered; returns the bytes written. */
    long flush() throws IOException {
        buffer.flip();
        long n = write(buffer);
        buffer.clear();
        return n;
    }

    private long write(ByteBuffer bytes) throws IOException {
        long n = 0;
        while (bytes.hasRemaining()) {
            n += channel.write(bytes, flushed + n);
        }
        flushed += n;
        return n;
    }

    /** Forgets everything appended from {@code start} on: the next entry goes there. */
    void discardSince(long start) {
        buffer.clear();
        flushed = Math.min(flushed, start);
    }

    /** Reads bytes at a position, as many as {@code into} has room for, or up to the end of the file. */
    int read(ByteBuffer into, long position) throws IOException {
        return channel.read(into, position);
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
