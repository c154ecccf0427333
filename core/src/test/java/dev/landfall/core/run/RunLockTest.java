package dev.landfall.core.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.landfall.core.error.ErrorKind;
import dev.landfall.core.error.LandfallException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunLockTest {
    @TempDir
    Path dir;

    @Test
    void aSecondHolderIsRefusedWithThePidAndTheLockIsFreeAgainOnceReleased() throws IOException {
        try (RunLock first = RunLock.acquire(dir)) {
            LandfallException e = assertThrows(LandfallException.class, () -> RunLock.acquire(dir));
            assertEquals(ErrorKind.USAGE, e.kind());
            assertTrue(
                    e.getMessage()
                            .contains("in use by another landfall process (pid "
                                    + ProcessHandle.current().pid() + ")"),
                    e.getMessage());
        }
        try (RunLock again = RunLock.acquire(dir)) {
            assertEquals(ProcessHandle.current().pid() + "\n", Files.readString(dir.resolve(RunLock.FILE)));
        }
    }
}
