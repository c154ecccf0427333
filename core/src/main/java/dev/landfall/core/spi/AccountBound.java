package dev.landfall.core.spi;

/**
 * An optional ability of sources that read one account of a provider (a Cloudflare account): its
 * id, which a bundle exported from it records in its manifest.
 */
public interface AccountBound {
    /** The account's id. */
    String accountId();
}
