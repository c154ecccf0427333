package dev.landfall.core.spi;

import dev.landfall.core.error.LandfallException;
import java.util.Objects;

/**
 * A store location such as {@code sqlite:landfall.db}, {@code bundle:out/} or {@code
 * postgres://app:secret@127.0.0.1:5432/app}. {@link #toString()} masks any password.
 *
 * @param scheme the part before the first colon, lower case
 * @param rest everything after the first colon
 */
public record StoreUri(String scheme, String rest) {
    public StoreUri {
        Objects.requireNonNull(scheme, "scheme");
        Objects.requireNonNull(rest, "rest");
    }

    /** Parses {@code scheme:rest}. */
    public static StoreUri parse(String text) {
        Objects.requireNonNull(text, "text");
        int colon = text.indexOf(':');
        if (colon <= 0) {
            throw LandfallException.usage(
                    "'" + text + "' has no scheme (SCHEME: in front of the location)",
                    "write SCHEME:LOCATION: bundle:DIR, sqlite:FILE.db, postgres://…, redis://…, or as --from also"
                            + " wrangler:FILE.json or cloudflare://ACCOUNT_ID");
        }
        return new StoreUri(text.substring(0, colon).toLowerCase(java.util.Locale.ROOT), text.substring(colon + 1));
    }

    /** The URI as given, for drivers. Never print it: it may hold a password. */
    public String unmasked() {
        return scheme + ":" + rest;
    }

    @Override
    public String toString() {
        // Greedy up to the last '@': a password may hold a raw '/' or '@'. Masking too much (an '@'
        // later in the query) only hides text; masking too little would print a secret.
        return scheme + ":" + rest.replaceFirst("^(//[^:/@]*:).*@", "$1****@");
    }
}
