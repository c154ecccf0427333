package dev.landfall.sandbox.internal;

import dev.landfall.core.model.Key;
import dev.landfall.sandbox.KvSeed;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Fills a namespace from a {@link KvSeed}, deterministically from the seed and the clock.
 *
 * <p>The first keys are the hard cases below (as many as COUNT allows); the rest follow a few
 * realistic key patterns, unique by construction. Values are {@link GeneratedValue}s, so seeding
 * costs a few objects per key and 20,000 keys take milliseconds. About 20% of keys carry
 * metadata and 5% expire (two in five of those within 2 to 15 minutes of the clock, the rest in
 * 1 to 30 days). With COUNT ≥ 1000, two values are several MiB (3 MiB text, 6 MiB binary).
 */
public final class KvSeeder {
    /** Keys every seed starts with: reserved URL characters, unicode, byte-order traps, 512 bytes. */
    static final List<String> HARD_KEYS = List.of(
            "a/b c:d?é%+#",
            "ユーザー/設定:テーマ",
            "emoji 🔑 key",
            "path/to/resource?query=1&x=y#frag",
            "100% real+plus sign",
            " leading and trailing spaces ",
            "long:" + "x".repeat(512 - 5),
            "é".repeat(256),
            "order:Z",
            "order:a",
            "order:é",
            "order:e\u0301",
            "order:\uFFFD",
            "order:\uD834\uDD1E",
            ".hidden",
            "...",
            "tab\tkey",
            "%2F-literal-percent-2F",
            "plus+plus",
            "question?mark",
            "hash#tag",
            "back\\slash",
            "quote\"d'key",
            "~tilde!*()",
            "zero\u200Bwidth",
            "binary:blob");

    private static final int EMPTY_VALUE_AT = 2;
    private static final int BINARY_VALUE_AT = 3;
    private static final int SOON_EXPIRING_AT = 4;
    private static final int BINARY_WITH_METADATA_AT = 25;
    private static final int BIG_TEXT_BYTES = 3 * 1024 * 1024;
    private static final int BIG_BINARY_BYTES = 6 * 1024 * 1024;
    private static final String[] WORDS = {"alpha", "beta", "gamma", "delta", "omega", "kappa", "sigma"};

    private KvSeeder() {}

    /** Adds {@code seed.count()} keys to {@code ns}. */
    public static void fill(KvNamespaceState ns, KvSeed seed, long randomSeed, long nowSeconds) {
        SplittableRandom r = new SplittableRandom(
                randomSeed * 0x9E3779B97F4A7C15L ^ seed.title().hashCode());
        int count = seed.count();
        int bigText = count >= 1000 ? count / 3 : -1;
        int bigBinary = count >= 1000 ? 2 * count / 3 : -1;
        long salt = r.nextLong();
        for (int i = 0; i < count; i++) {
            String name;
            KvValue value;
            if (i < HARD_KEYS.size()) {
                name = HARD_KEYS.get(i);
                value = hardValue(i, r, seed);
            } else if (i == bigText) {
                name = "asset:large:" + i + ".txt";
                value = new GeneratedValue(r.nextLong(), BIG_TEXT_BYTES, GeneratedValue.Kind.TEXT);
            } else if (i == bigBinary) {
                name = "asset:large:" + i + ".bin";
                value = new GeneratedValue(r.nextLong(), BIG_BINARY_BYTES, GeneratedValue.Kind.BINARY);
            } else {
                name = patternKey(i, r.nextInt(5), salt);
                value = ordinaryValue(r, seed);
            }
            String metadata = metadata(i, r);
            Long expiration = expiration(i, r, nowSeconds);
            ns.put(new KvItem(Key.ofBytes(name.getBytes(StandardCharsets.UTF_8)), value, metadata, expiration));
        }
    }

    private static KvValue hardValue(int i, SplittableRandom r, KvSeed seed) {
        return switch (i) {
            case EMPTY_VALUE_AT -> KvValue.of(new byte[0]);
            case BINARY_VALUE_AT, BINARY_WITH_METADATA_AT ->
                new GeneratedValue(r.nextLong(), 300, GeneratedValue.Kind.BINARY);
            default -> ordinaryValue(r, seed);
        };
    }

    private static KvValue ordinaryValue(SplittableRandom r, KvSeed seed) {
        int size = seed.valueBytes() == KvSeed.VARIED ? 64 + r.nextInt(193) : seed.valueBytes();
        int roll = r.nextInt(100);
        long vs = r.nextLong();
        if (roll < 1) {
            return KvValue.of(new byte[0]);
        }
        if (roll < 3) {
            return new GeneratedValue(vs, size, GeneratedValue.Kind.BINARY);
        }
        if (roll < 43) {
            return new GeneratedValue(vs, size, GeneratedValue.Kind.JSON);
        }
        return new GeneratedValue(vs, size, GeneratedValue.Kind.TEXT);
    }

    private static String patternKey(int i, int pattern, long salt) {
        return switch (pattern) {
            case 0 -> "session:" + HexFormat.of().toHexDigits(mix(i ^ salt));
            case 1 -> "user:" + i + ":profile";
            case 2 -> "cache/v2/page-" + i + ".html";
            case 3 -> "flags." + WORDS[i % WORDS.length] + "." + i;
            default -> "tenant-" + (i % 97) + "/config/" + i;
        };
    }

    private static String metadata(int i, SplittableRandom r) {
        int roll = r.nextInt(100);
        if (i == 0 || i == 1 || i == BINARY_WITH_METADATA_AT) {
            roll = 0;
        }
        if (roll >= 20) {
            return null;
        }
        int n = r.nextInt(100_000);
        if (roll < 2) {
            return "{\"label\":\"café ☕ 日本\",\"n\":" + n + "}";
        }
        return "{\"v\":" + (1 + roll % 3) + ",\"owner\":\"user-" + n + "\",\"tags\":[\"" + WORDS[n % WORDS.length]
                + "\"]}";
    }

    private static Long expiration(int i, SplittableRandom r, long now) {
        int roll = r.nextInt(100);
        if (i == SOON_EXPIRING_AT) {
            return now + 300;
        }
        if (roll >= 5) {
            return null;
        }
        if (roll < 2) {
            return now + 120 + r.nextInt(781);
        }
        return now + 86_400L * (1 + r.nextInt(30));
    }

    /** A bijection on longs (splitmix64's finalizer), so distinct indexes give distinct keys. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
