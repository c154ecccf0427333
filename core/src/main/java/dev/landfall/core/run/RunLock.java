package dev.landfall.core.run;

import dev.landfall.core.error.LandfallException;
import dev.landfall.core.io.Closing;
import dev.landfall.core.io.OwnerOnly;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One process at a time in a run directory: a second {@code migrate --resume} of a run that is
 * still following (or a {@code --final} while the follower runs) would apply and trim the same
 * change log twice over, each journaling positions the other does not know. The lock is the
 * operating system's ({@code run.lock}), so it goes with the process however it ends, SIGKILL
 * included; the file keeps the holder's pid for the message.
 */
public final class RunLock implements AutoCloseable {
    /** The lock file in a run directory. */
    public static final String FILE = "run.lock";

    private final FileChannel channel;
    private final FileLock lock;

    private RunLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the run's lock, or fails at once when another invocation holds it.
     *
     * @throws LandfallException USAGE naming the run and the holder's pid
     */
    public static RunLock acquire(Path runDir) throws IOException {
        Path file = runDir.resolve(FILE);
        FileChannel channel = OwnerOnly.openOrCreate(file);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException inThisProcess) {
            lock = null;
        }
        if (lock == null) {
            String holder = holder(file);
            channel.close();
            throw LandfallException.usage(
                    "the run " + runDir + " is in use by another landfall process" + holder,
                    "wait for it to end, or stop it (Ctrl-C, or kill -TERM PID: it stops at a committed batch), then"
                            + " run this again");
        }
        channel.truncate(0);
        channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.UTF_8)), 0);
        channel.force(false);
        return new RunLock(channel, lock);
    }

    private static String holder(Path file) {
        try {
            String pid = Files.readString(file, StandardCharsets.UTF_8).trim();
            return pid.matches("[0-9]{1,10}") ? " (pid " + pid + ")" : "";
        } catch (IOException e) {
            return "";
        }
    }

    /** Releases the lock; the file stays (it is harmless, and removing it would race a new holder). */
    @Override
    public void close() throws IOException {
        Closing.inOrder(lock::release, channel);
    }
}
