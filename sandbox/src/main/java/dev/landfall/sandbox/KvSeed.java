package dev.landfall.sandbox;

import dev.landfall.core.model.KvLimits;
import java.util.Objects;

/**
 * A KV namespace to create at start: titled {@code title}, with {@code count} keys generated
 * deterministically from {@link SandboxConfig#randomSeed()}. Most values are {@code valueBytes}
 * long ({@link #VARIED}: 64 to 256 bytes); the rest are hard cases (unicode and reserved-character
 * keys, 512-byte keys, empty, binary and multi-MiB values, metadata, expirations).
 *
 * @param title the namespace title, 1..512 characters
 * @param count how many keys, 1..10,000,000
 * @param valueBytes the usual value length, or {@link #VARIED}
 */
public record KvSeed(String title, int count, int valueBytes) {
    /** {@code valueBytes} meaning "vary between 64 and 256 bytes". */
    public static final int VARIED = 0;

    /** The largest seeded key count. */
    public static final int MAX_COUNT = 10_000_000;

    /** The largest usual value length: Cloudflare's 25 MiB value limit. */
    public static final int MAX_VALUE_BYTES = KvLimits.MAX_VALUE_BYTES;

    private static final String HINT = "write NAME=COUNT[:VALUE_BYTES], for example SESSIONS=20000:256";

    public KvSeed {
        Objects.requireNonNull(title, "title");
        if (title.isBlank() || title.length() > 512) {
            throw new IllegalArgumentException("title must be 1..512 characters: '" + title + "'");
        }
        SpecText.requireRange("count", count, 1, MAX_COUNT);
        SpecText.requireRange("valueBytes", valueBytes, 0, MAX_VALUE_BYTES);
    }

    /** The text form {@link #parse} reads back. */
    public String spec() {
        return title + "=" + count + (valueBytes == VARIED ? "" : ":" + valueBytes);
    }

    /**
     * Reads {@code NAME=COUNT[:VALUE_BYTES]}, for example {@code SESSIONS=20000} or {@code
     * USERS=5000:1024}.
     *
     * @throws dev.landfall.core.error.LandfallException a usage error whose message starts with the
     *     quoted text (the caller prefixes the flag: {@code --seed-kv 'SESSIONS=abc': COUNT must be
     *     a whole number})
     */
    public static KvSeed parse(String text) {
        String t = SpecText.required(text, HINT);
        // The last '=': a title may hold one.
        SpecText.Assignment a = SpecText.assignment(text, t, t.lastIndexOf('='), "NAME=COUNT[:VALUE_BYTES]", HINT);
        String name = a.name();
        if (name.isEmpty()) {
            throw SpecText.bad(text, "NAME is empty", HINT);
        }
        if (name.length() > 512) {
            throw SpecText.bad(text, "NAME is longer than 512 characters", HINT);
        }
        String rest = a.rest();
        int colon = rest.indexOf(':');
        String countText = colon < 0 ? rest : rest.substring(0, colon);
        int count = (int) SpecText.wholeNumber(text, countText, "COUNT", 1, MAX_COUNT, HINT);
        int bytes = VARIED;
        if (colon >= 0) {
            bytes = (int)
                    SpecText.wholeNumber(text, rest.substring(colon + 1), "VALUE_BYTES", 1, MAX_VALUE_BYTES, HINT);
        }
        return new KvSeed(name, count, bytes);
    }
}
