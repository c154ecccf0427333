package dev.landfall.core.checkpoint;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The file under a journal: lines appended at its end, each batch of them made durable by a force.
 * Opening it reads every whole line and cuts off a torn last one (a crash mid-append), so what a
 * journal holds is exactly the appends that returned. Not thread-safe: the journal orders its
 * appends; {@link #force()} may run beside them.
 */
final class JournalFile implements Closeable {
    /** Takes one non-empty line of the file, numbered from 1. */
    interface LineReader {
        void read(String line, int lineNo) throws IOException;
    }

    private final FileChannel channel;

    private JournalFile(FileChannel channel) {
        this.channel = channel;
    }

    /**
     * Opens the existing file for appending and hands {@code reader} each of its lines, in order.
     * The file is closed again when the reader throws.
     */
    static JournalFile open(Path file, LineReader reader) throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
        try {
            readLines(file, channel, reader);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        return new JournalFile(channel);
    }

    private static void readLines(Path file, FileChannel channel, LineReader reader) throws IOException {
        byte[] all = Files.readAllBytes(file);
        int start = 0;
        int lineNo = 0;
        while (start < all.length) {
            int end = start;
            while (end < all.length && all[end] != '\n') {
                end++;
            }
            lineNo++;
            if (end == all.length) {
                // A torn last line: the append that wrote it never returned, so nothing relied on it.
                channel.truncate(start);
                break;
            }
            if (end > start) {
                reader.read(new String(all, start, end - start, StandardCharsets.UTF_8), lineNo);
            }
            start = end + 1;
        }
    }

    /** Writes {@code lines} whole at the end of the file and returns its new length; not yet durable. */
    long append(byte[] lines) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap(lines);
        channel.position(channel.size());
        while (bytes.hasRemaining()) {
            channel.write(bytes);
        }
        return channel.position();
    }

    /** Makes everything written so far durable; returns the length it covers. */
    long force() throws IOException {
        long through = channel.size();
        channel.force(false);
        return through;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
