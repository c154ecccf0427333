package dev.landfall.core.spi;

/**
 * An optional ability of a {@link Source}: reading a scope whole, from {@link Checkpoint#START},
 * checks it as the import's check pass would (a bundle's part sizes and SHA-256, its scope digest,
 * Workers KV's limits). A failed check is thrown by the cursor's {@code next()}, at the latest by
 * the call that would report the end, so a caller that has seen the end of a scope holds a checked
 * scope. A reader that resumes after a checkpoint gets no such guarantee. Callers check for it
 * with {@code instanceof}.
 */
public interface CheckedAsRead {}
