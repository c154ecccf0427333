package dev.landfall.core.status;

import java.util.List;
import java.util.Locale;

/**
 * Content negotiation as the z-pages convention wants it: JSON only when the client names {@code
 * application/json} (with a quality above 0), plain text otherwise, including for {@code *}{@code
 * /*} and for no {@code Accept} at all, so {@code curl} and a browser get text.
 */
final class AcceptHeader {
    private AcceptHeader() {}

    /** Whether any of the {@code Accept} header values asks for JSON. */
    static boolean wantsJson(List<String> values) {
        if (values == null) {
            return false;
        }
        for (String value : values) {
            for (String range : value.split(",")) {
                if (asksForJson(range)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean asksForJson(String range) {
        String[] parts = range.split(";");
        if (!parts[0].strip().toLowerCase(Locale.ROOT).equals("application/json")) {
            return false;
        }
        for (int i = 1; i < parts.length; i++) {
            String param = parts[i].strip().toLowerCase(Locale.ROOT);
            if (param.startsWith("q=")) {
                try {
                    return Double.parseDouble(param.substring(2)) > 0;
                } catch (NumberFormatException e) {
                    return false;
                }
            }
        }
        return true;
    }
}
