package dev.landfall.core.spi;

import java.io.IOException;

/**
 * An optional ability of a {@link Sink}: everything flushed can be held in open transactions and
 * committed at once, so an import may write while its source is still being checked and still
 * leave the store as it was when the check fails. Callers check for it with {@code instanceof}.
 */
public interface HoldingWrites {
    /**
     * From now on, writers' flushes (and the scope records their opening writes) apply inside
     * transactions that stay open: nothing is visible to other readers, or durable, until {@link
     * #commitHeld()}; a failed flush, or closing the sink before the commit, rolls all of it back.
     */
    void holdWrites() throws IOException;

    /** Commits everything held since {@link #holdWrites()} and stops holding. */
    void commitHeld() throws IOException;
}
