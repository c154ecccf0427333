package dev.landfall.core.status;

import java.util.Map;

/**
 * What a long-running process tells its status pages. The follower (and later {@code landfall
 * serve}) implements it; the server only asks and renders, so it holds no logic of the process.
 *
 * <p>Both methods are called on the server's thread while the process runs on its own, so they
 * must be thread-safe and quick: hand out a snapshot kept in a volatile field, never compute under
 * a lock the process holds while it writes. An exception thrown here becomes a 500 with no detail.
 */
public interface StatusSource {
    /** The status now. */
    Status status();

    /**
     * The effective options, flag name to value ({@code --batch-size} → {@code 1000}), passwords
     * masked; the pages list them sorted by name and mask and escape the values once more.
     */
    Map<String, String> flags();
}
