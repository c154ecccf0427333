package dev.landfall.core.codec;

import java.util.Objects;

/**
 * A JavaScript {@code RegExp}: {@code {"$t":"RegExp","source":"ab+c","flags":"gi"}}, its {@code
 * source} and {@code flags} properties. ({@code lastIndex} does not survive structured clone.)
 *
 * <p>The constructor throws {@code IllegalArgumentException} if the flags are not in that form.
 *
 * @param source the pattern text as {@code RegExp.prototype.source} gives it ({@code "(?:)"} for
 *     an empty pattern); not checked for syntax
 * @param flags the flags as {@code RegExp.prototype.flags} gives them: a subset of {@code
 *     dgimsuvy} in that order, without both {@code u} and {@code v}
 */
public record RegExpValue(String source, String flags) implements TypedValue {
    private static final String FLAG_ORDER = "dgimsuvy";

    public RegExpValue {
        Objects.requireNonNull(source, "source");
        checkFlags(Objects.requireNonNull(flags, "flags"));
    }

    /** Throws {@code IllegalArgumentException} unless {@code flags} are in {@code RegExp.prototype.flags} form. */
    static void checkFlags(String flags) {
        int last = -1;
        for (int i = 0; i < flags.length(); i++) {
            int at = FLAG_ORDER.indexOf(flags.charAt(i));
            if (at <= last) {
                throw new IllegalArgumentException("invalid RegExp flags " + JsonPath.quote(flags)
                        + ": expected a subset of \"" + FLAG_ORDER + "\" in that order");
            }
            last = at;
        }
        if (flags.indexOf('u') >= 0 && flags.indexOf('v') >= 0) {
            throw new IllegalArgumentException(
                    "invalid RegExp flags " + JsonPath.quote(flags) + ": \"u\" and \"v\" exclude each other");
        }
    }
}
