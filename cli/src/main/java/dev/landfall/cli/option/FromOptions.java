package dev.landfall.cli.option;

import dev.landfall.core.error.LandfallException;
import dev.landfall.core.spi.StoreUri;
import picocli.CommandLine.Option;

/** {@code --from SOURCE}: where a data command reads, any kind of source (docs/sources.md). */
public final class FromOptions {
    @Option(
            names = "--from",
            paramLabel = "SOURCE",
            description = "cloudflare://ACCOUNT_ID ('cloudflare://' alone takes CLOUDFLARE_ACCOUNT_ID), bundle:DIR,"
                    + " wrangler:FILE.json or a store URI.")
    String from;

    /** The source as given (with any password), or {@code fallback} when not given. */
    public String given(String fallback) {
        return from == null ? fallback : from;
    }

    /**
     * The source as given, which this command needs.
     *
     * @param hint what to do instead, for the message
     */
    public String required(String hint) {
        if (from == null) {
            throw LandfallException.usage("--from is required", hint);
        }
        return from;
    }

    /** The parsed location of {@link #given(String)}. */
    public StoreUri uri(String fallback) {
        return StoreUri.parse(given(fallback));
    }
}
