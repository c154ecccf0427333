package dev.landfall.sandbox;

import java.util.Locale;

/**
 * What bulk get with {@code type: "text"} does with a stored value that is not UTF-8. Cloudflare
 * does not document it (cloudflare-api.md §9, question 2), so the sandbox offers both answers a
 * client must survive.
 */
public enum InvalidUtf8 {
    /** Decode as a WHATWG {@code TextDecoder} does: one U+FFFD per maximal subpart (the default). */
    REPLACE,
    /** Refuse the whole request with a 400, as it does for a non-JSON value under {@code type: "json"}. */
    ERROR;

    /** The flag spelling: {@code replace} or {@code error}. */
    public String spec() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Reads {@code replace} or {@code error} (any case).
     *
     * @throws dev.landfall.core.error.LandfallException a usage error whose message starts with the
     *     quoted text (the caller prefixes the flag)
     */
    public static InvalidUtf8 parse(String text) {
        String hint = "use replace (decode as a WHATWG TextDecoder does) or error (answer 400)";
        String t = SpecText.required(text, hint);
        for (InvalidUtf8 mode : values()) {
            if (mode.spec().equalsIgnoreCase(t)) {
                return mode;
            }
        }
        throw SpecText.bad(text, "not a mode", hint);
    }
}
