package dev.landfall.cli.option;

import dev.landfall.core.spi.StoreUri;
import picocli.CommandLine.Option;

/** {@code --to STORE}: the store a data command writes or compares against, SQLite by default. */
public final class StoreOptions {
    /** The embedded default store. */
    public static final String DEFAULT = "sqlite:landfall.db";

    @Option(
            names = "--to",
            paramLabel = "STORE",
            description = "The store: sqlite:PATH (default: " + DEFAULT + "), postgres://…, redis://…, bundle:DIR"
                    + " or cloudflare://ACCOUNT_ID[?namespace=NAME] (Workers KV, the way back) (docs/stores.md).")
    String to;

    /** The store as given, with any password (for drivers only; never print it). */
    public String given() {
        return to == null ? DEFAULT : to;
    }

    /** Whether {@code --to} was given. */
    public boolean isGiven() {
        return to != null;
    }

    /** The parsed store location. */
    public StoreUri uri() {
        return StoreUri.parse(given());
    }
}
