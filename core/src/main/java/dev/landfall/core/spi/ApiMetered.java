package dev.landfall.core.spi;

/**
 * An optional ability of sources that spend a remote API's request budget: how much they spent so
 * far. May be called from another thread (progress displays poll it).
 */
public interface ApiMetered {
    /** Requests, rate-limited answers and retries so far. */
    ApiUsage apiUsage();
}
