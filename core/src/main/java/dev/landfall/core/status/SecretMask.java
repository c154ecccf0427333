package dev.landfall.core.status;

import dev.landfall.core.spi.StoreUri;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The last guard before text leaves the process over the network: every URI in it goes through
 * {@link StoreUri}'s masking ({@code postgres://app:****@db/app}), and a password or token given
 * as a query option ({@code ?password=…}, which {@code StoreUri} leaves alone) is masked too.
 * Callers pass text that is masked already; this only makes a slip harmless.
 */
final class SecretMask {
    private static final Pattern URI = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*://\\S+");
    private static final Pattern SECRET_OPTION = Pattern.compile(
            "(?i)([?&;](?:password|passwd|pwd|pass|token|secret|api[_-]?key|access[_-]?token|auth)=)[^&;\\s]*");

    private SecretMask() {}

    /** {@code text} with every password it holds replaced by {@code ****}. */
    static String of(String text) {
        Matcher uris = URI.matcher(text);
        StringBuilder sb = new StringBuilder(text.length());
        while (uris.find()) {
            uris.appendReplacement(
                    sb, Matcher.quoteReplacement(StoreUri.parse(uris.group()).toString()));
        }
        uris.appendTail(sb);
        return SECRET_OPTION.matcher(sb).replaceAll("$1****");
    }
}
