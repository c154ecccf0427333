package dev.landfall.core.text;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The acceptance check for output: no character that can act on a terminal or reorder what it
 * shows. Written from the list of characters, not from {@link VisibleText}'s rule, so it checks
 * that rule rather than repeating it. Newline and tab are allowed (every report has lines); the
 * carriage return is not (only progress on a terminal redraws lines, and tests do not run on one).
 */
public final class RawControls {
    private RawControls() {}

    /** Whether the code point (an unpaired surrogate as itself) may not appear in output. */
    public static boolean forbidden(int cp) {
        if (cp == '\n' || cp == '\t') {
            return false;
        }
        return cp < 0x20
                || (cp >= 0x7f && cp <= 0x9f) // DEL and C1, CSI (U+009B) among them
                || (cp >= 0x202a && cp <= 0x202e) // LRE RLE PDF LRO RLO
                || (cp >= 0x2066 && cp <= 0x2069) // LRI RLI FSI PDI
                || cp == 0x200e
                || cp == 0x200f
                || cp == 0x061c // LRM RLM ALM
                || cp == 0x2028
                || cp == 0x2029
                || (cp >= 0xd800 && cp <= 0xdfff);
    }

    /** The first forbidden character, as {@code U+001B at 12 after "…"}, if there is one. */
    public static Optional<String> first(String text) {
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            if (forbidden(cp)) {
                String before = text.substring(Math.max(0, i - 40), i).replaceAll("\\p{Cntrl}", "?");
                return Optional.of(String.format("U+%04X at %d after \"%s\"", cp, i, before));
            }
            i += Character.charCount(cp);
        }
        return Optional.empty();
    }

    /** Fails naming {@code where} and the character when {@code text} holds a forbidden one. */
    public static void assertNone(String where, String text) {
        first(text).ifPresent(found -> fail(where + " holds a raw control character: " + found));
    }

    /** {@link #assertNone(String, String)} on a UTF-8 text file. */
    public static void assertNone(Path file) throws IOException {
        assertNone(file.toString(), Files.readString(file));
    }
}
