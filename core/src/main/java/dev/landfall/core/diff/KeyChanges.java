package dev.landfall.core.diff;

import dev.landfall.core.spi.Cursor;

/**
 * What a {@link WriteStrategy} decides for one scope, key by key, in key order; its checkpoint is
 * the source's, so a journaled batch resumes after the last source key it covered.
 */
public interface KeyChanges extends Cursor<KeyChange> {
    /** Source entries passed over because they had expired, so far. */
    long expiredInSource();
}
