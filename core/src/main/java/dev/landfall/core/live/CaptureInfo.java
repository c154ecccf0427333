package dev.landfall.core.live;

import java.util.Objects;
import java.util.Optional;

/**
 * How a change log is laid out.
 *
 * @param shards how many shards it has (numbered from 0)
 * @param capacity pending changes a shard holds before it overflows
 * @param account the account the log says it belongs to, if it says
 */
public record CaptureInfo(int shards, long capacity, Optional<String> account) {
    public CaptureInfo {
        if (shards < 1) {
            throw new IllegalArgumentException("a change log has at least one shard");
        }
        Objects.requireNonNull(account, "account");
    }
}
