package dev.landfall.core.spi;

import java.util.function.Consumer;

/**
 * An optional ability of sources that may meet values they cannot carry (a Durable Object value
 * the export Worker cannot encode): they skip them, never silently, and tell a listener about each.
 */
public interface RefusingValues {
    /**
     * Tells {@code listener} about every value refused from now on, on the thread that reads the
     * entries, as the cursor passes it: before any entry after it is delivered, so a consumer that
     * records it before the next checkpoint never loses it to a crash.
     */
    void onRefused(Consumer<RefusedValue> listener);
}
