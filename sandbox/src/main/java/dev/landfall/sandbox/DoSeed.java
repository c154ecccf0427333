package dev.landfall.sandbox;

import java.util.Locale;
import java.util.Objects;

/**
 * A Durable Object namespace to create at start: class {@code className} of the seeded Worker,
 * with {@code objects} objects (64-hex ids) of {@code keysPerObject} typed-JSON entries each, all
 * deterministic from {@link SandboxConfig#randomSeed()}.
 *
 * @param className the exported class name, a JavaScript identifier
 * @param objects how many objects, 1..1,000,000
 * @param keysPerObject entries per object, 0..1,000,000
 */
public record DoSeed(String className, int objects, int keysPerObject) {
    /** The most objects one seed may ask for. */
    public static final int MAX_OBJECTS = 1_000_000;

    /** The most entries per object one seed may ask for. */
    public static final int MAX_KEYS = 1_000_000;

    private static final String HINT = "write CLASS=OBJECTSxKEYS, for example Room=50x200";

    public DoSeed {
        Objects.requireNonNull(className, "className");
        if (!className.matches("[A-Za-z_$][A-Za-z0-9_$]{0,127}")) {
            throw new IllegalArgumentException("className must be a JavaScript identifier: '" + className + "'");
        }
        SpecText.requireRange("objects", objects, 1, MAX_OBJECTS);
        SpecText.requireRange("keysPerObject", keysPerObject, 0, MAX_KEYS);
    }

    /** The text form {@link #parse} reads back. */
    public String spec() {
        return className + "=" + objects + "x" + keysPerObject;
    }

    /**
     * Reads {@code CLASS=OBJECTSxKEYS}, for example {@code Room=50x200}.
     *
     * @throws dev.landfall.core.error.LandfallException a usage error whose message starts with the
     *     quoted text (the caller prefixes the flag, e.g. {@code --seed-do})
     */
    public static DoSeed parse(String text) {
        String t = SpecText.required(text, HINT);
        SpecText.Assignment a = SpecText.assignment(text, t, t.indexOf('='), "CLASS=OBJECTSxKEYS", HINT);
        String cls = a.name();
        if (!cls.matches("[A-Za-z_$][A-Za-z0-9_$]{0,127}")) {
            throw SpecText.bad(text, "CLASS must be a JavaScript class name such as Room or ChatRoom", HINT);
        }
        String rest = a.rest().strip();
        int x = rest.toLowerCase(Locale.ROOT).indexOf('x');
        if (x < 0) {
            throw SpecText.bad(text, "expected OBJECTSxKEYS after '='", HINT);
        }
        int objects = (int) SpecText.wholeNumber(text, rest.substring(0, x), "OBJECTS", 1, MAX_OBJECTS, HINT);
        int keys = (int) SpecText.wholeNumber(text, rest.substring(x + 1), "KEYS", 0, MAX_KEYS, HINT);
        return new DoSeed(cls, objects, keys);
    }
}
