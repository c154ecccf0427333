package dev.landfall.serve;

import java.time.Duration;
import java.util.Objects;

/**
 * How {@link KvService} caches.
 *
 * @param maxBytes the most bytes of keys, values and metadata held (0 turns the cache off)
 * @param freshFor the oldest a cached answer may be when served: writes made by other instances
 *     are seen at most this late; hot keys are reloaded in the background from half of it on
 */
public record CacheSettings(long maxBytes, Duration freshFor) {
    public CacheSettings {
        Objects.requireNonNull(freshFor, "freshFor");
        if (maxBytes < 0) {
            throw new IllegalArgumentException("maxBytes cannot be negative: " + maxBytes);
        }
        if (freshFor.isNegative() || freshFor.isZero()) {
            throw new IllegalArgumentException("freshFor must be positive: " + freshFor);
        }
    }
}
