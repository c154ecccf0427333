package dev.landfall.core.spi;

import java.util.function.Consumer;

/**
 * An optional ability of sources that may meet values they cannot carry (a Durable Object value
 * the export Worker cannot encode), and of sinks that cannot take some entries (Workers KV refuses
 * an expiration less than 60 seconds ahead): they skip them, never silently, and tell a listener
 * about each.
 */
public interface RefusingValues {
    /**
     * Tells {@code listener} about every value refused from now on, on the thread that reads (or,
     * for a sink, writes) the entries, as it passes: before any entry after it is delivered or
     * flushed, so a consumer that records it before the next checkpoint never loses it to a crash.
     */
    void onRefused(Consumer<RefusedValue> listener);
}
