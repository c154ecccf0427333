package dev.landfall.sandbox;

/**
 * Whether the sandbox captures KV writes into a change log (docs/export-worker-protocol.md §7),
 * how the log is sized, and how fast its built-in writer writes. Immutable.
 *
 * @param enabled whether the change-log routes are served and captured writes recorded
 * @param shards log shards, 1..{@value #MAX_SHARDS}
 * @param capacity pending changes a shard holds before it overflows, 1..{@value #MAX_CAPACITY}
 * @param writesPerSecond the built-in writer's rate, 1..{@value #MAX_WRITES}, or 0 for no writer
 */
public record Capture(boolean enabled, int shards, int capacity, int writesPerSecond) {
    public static final int DEFAULT_SHARDS = 8;
    public static final int MAX_SHARDS = 256;
    public static final int DEFAULT_CAPACITY = 100_000;
    public static final int MAX_CAPACITY = 10_000_000;
    public static final int MAX_WRITES = 100_000;

    /** No capture: the v2 routes answer {@code capture: null} and no change route. */
    public static final Capture OFF = new Capture(false, DEFAULT_SHARDS, DEFAULT_CAPACITY, 0);

    private static final String WRITES_HINT = "write N/s with N from 1 to " + MAX_WRITES + ", for example 200/s";

    public Capture {
        SpecText.requireRange("shards", shards, 1, MAX_SHARDS);
        SpecText.requireRange("capacity", capacity, 1, MAX_CAPACITY);
        SpecText.requireRange("writesPerSecond", writesPerSecond, 0, MAX_WRITES);
        if (writesPerSecond > 0 && !enabled) {
            throw new IllegalArgumentException("a writer needs capture on");
        }
    }

    /** Capture on with the default shards and capacity, no writer. */
    public static Capture on() {
        return new Capture(true, DEFAULT_SHARDS, DEFAULT_CAPACITY, 0);
    }

    /** A copy with {@code shards} shards; capture on. */
    public Capture withShards(int shards) {
        return new Capture(true, shards, capacity, writesPerSecond);
    }

    /** A copy with {@code capacity} pending changes a shard; capture on. */
    public Capture withCapacity(int capacity) {
        return new Capture(true, shards, capacity, writesPerSecond);
    }

    /** A copy whose writer makes {@code perSecond} writes a second (0: no writer); capture on. */
    public Capture withWrites(int perSecond) {
        return new Capture(true, shards, capacity, perSecond);
    }

    /**
     * Reads {@code --writes}: {@code N/s} or a bare {@code N}, N from 1 to {@value #MAX_WRITES}.
     *
     * @throws dev.landfall.core.error.LandfallException a usage error whose message starts with the
     *     quoted text (the caller prefixes the flag)
     */
    public static int parseWrites(String text) {
        String t = SpecText.required(text, WRITES_HINT);
        String n = t.endsWith("/s") ? t.substring(0, t.length() - 2) : t;
        return (int) SpecText.wholeNumber(text, n, "N", 1, MAX_WRITES, WRITES_HINT);
    }
}
