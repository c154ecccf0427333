package dev.landfall.core.live;

import java.io.IOException;

/**
 * An optional ability of a {@link dev.landfall.core.spi.Source}: it can open the change log its
 * application's writes are captured into. Callers check for it with {@code instanceof}.
 */
public interface ChangeCapturing {
    /**
     * Opens the change log. Sends no request; the source stays open and owns nothing of the log
     * once it is closed.
     *
     * @throws dev.landfall.core.error.LandfallException USAGE when the source is not set up for it
     */
    ChangeLog changeLog() throws IOException;
}
