package dev.landfall.core.spi;

/**
 * An optional ability of sources that list keys before reading their values (Workers KV over
 * REST): keys that expired before they were read, or vanished between listing and reading. Neither
 * is an error, but a report names them so "fewer keys than listed" is never a mystery.
 */
public interface ExpiryCounting {
    /** The counts for one scope read so far; {@link ExpiryCounts#ZERO} for one not read. */
    ExpiryCounts expiryCounts(dev.landfall.core.model.Scope scope);
}
