package dev.landfall.core.spi;

/**
 * Keys a source listed but did not yield.
 *
 * @param expired keys whose expiration had passed when they were read (skipped)
 * @param vanished keys deleted, or expired, between their listing and the read of their value
 */
public record ExpiryCounts(long expired, long vanished) {
    /** None. */
    public static final ExpiryCounts ZERO = new ExpiryCounts(0, 0);

    /** The counts of a scope, {@link #ZERO} where the source does not count. */
    public static ExpiryCounts of(Source source, dev.landfall.core.model.Scope scope) {
        return source instanceof ExpiryCounting c ? c.expiryCounts(scope) : ZERO;
    }
}
