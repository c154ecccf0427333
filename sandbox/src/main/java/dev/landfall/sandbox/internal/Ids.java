package dev.landfall.sandbox.internal;

import java.util.HexFormat;
import java.util.SplittableRandom;

/** Deterministic hex ids from a seeded generator; thread-safe. */
public final class Ids {
    private static final HexFormat HEX = HexFormat.of();
    private final SplittableRandom random;

    public Ids(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /** 32 lowercase hex characters, like a namespace or account id. */
    public synchronized String hex32() {
        return HEX.toHexDigits(random.nextLong()) + HEX.toHexDigits(random.nextLong());
    }

    /** 64 lowercase hex characters, like a Durable Object id. */
    public synchronized String hex64() {
        return hex32() + hex32();
    }

    /** Whether {@code s} is 32 lowercase or uppercase hex characters. */
    public static boolean isHex32(String s) {
        return s.length() == 32 && s.chars().allMatch(c -> Character.digit(c, 16) >= 0);
    }
}
