package dev.landfall.core.copy;

/**
 * When the copy loop closes a batch: after {@code maxEntries} entries or {@code maxBytes} of
 * values, whichever comes first. Each closed batch is flushed, then its checkpoint journaled.
 *
 * @param maxEntries entries per batch, at least 1
 * @param maxBytes value bytes per batch, at least 1
 */
public record CommitPolicy(int maxEntries, long maxBytes) {
    /** 1,000 entries (one KV list page) or 16 MiB. */
    public static final CommitPolicy DEFAULT = new CommitPolicy(1000, 16L * 1024 * 1024);

    public CommitPolicy {
        if (maxEntries < 1 || maxBytes < 1) {
            throw new IllegalArgumentException("a commit policy needs at least 1 entry and 1 byte per batch");
        }
    }

    /** Whether a batch of this size is full. */
    boolean full(int entries, long bytes) {
        return entries >= maxEntries || bytes >= maxBytes;
    }
}
