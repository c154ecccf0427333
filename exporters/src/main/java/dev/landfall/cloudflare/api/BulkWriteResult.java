package dev.landfall.cloudflare.api;

import java.util.List;

/**
 * Cloudflare's answer to a bulk write or bulk delete: how many keys it took and which it did not
 * (to be sent again). The 2024 schema answers {@code result: null}, which means all of them.
 *
 * @param successful keys written or deleted, or -1 when the answer did not say
 * @param unsuccessful keys not written or deleted, to send again
 */
public record BulkWriteResult(long successful, List<String> unsuccessful) {
    /** An answer that did not count: every key was taken. */
    public static final BulkWriteResult ALL = new BulkWriteResult(-1, List.of());

    public BulkWriteResult {
        unsuccessful = List.copyOf(unsuccessful);
    }
}
