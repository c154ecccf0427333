package dev.landfall.cli.option;

import dev.landfall.core.error.LandfallException;
import dev.landfall.core.time.DurationText;
import java.time.Duration;

/** A duration flag ({@code 250ms}, {@code 10s}, {@code 5m}) read the same way by every command. */
public final class DurationFlag {
    private DurationFlag() {}

    /**
     * Parses a duration; 0 is allowed.
     *
     * @param example a value for the hint, e.g. {@code 30s}
     * @throws LandfallException USAGE naming the flag and its value
     */
    public static Duration parse(String flag, String text, String example) {
        try {
            return DurationText.parse(text);
        } catch (IllegalArgumentException e) {
            throw LandfallException.usage(
                    flag + " " + text + " " + e.getMessage(), "for example " + flag + " " + example);
        }
    }

    /** As {@link #parse}, refusing 0. */
    public static Duration positive(String flag, String text, String example) {
        Duration d = parse(flag, text, example);
        if (d.isZero()) {
            throw LandfallException.usage(
                    flag + " " + text + " must be above 0", "for example " + flag + " " + example);
        }
        return d;
    }
}
