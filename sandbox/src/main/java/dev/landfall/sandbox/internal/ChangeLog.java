package dev.landfall.sandbox.internal;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The sandbox's change log (docs/export-worker-protocol.md §7): the KV writes captured Workers
 * make, sharded by {@code fnv1a32(binding + "\n" + key) mod shards}. Thread-safe: the writer and
 * the HTTP handlers use it at once, and each shard locks on its own.
 *
 * <p>A shard comes into being the first time it is written or read, with a fresh epoch, as the
 * real shard's Durable Object does. Epochs are random, not seeded: a sandbox started again with the
 * same seed has lost its log, and a follower must be able to tell.
 */
public final class ChangeLog {
    /** The most shards a log may have. */
    public static final int MAX_SHARDS = 256;

    private final int shards;
    private final int capacity;
    private final Clock clock;
    private final Consumer<String> warnings;
    private final Supplier<String> epochs;
    private final ConcurrentMap<Integer, ChangeShard> byIndex = new ConcurrentHashMap<>();

    /**
     * @param warnings where overflow warnings go (the sandbox's stderr)
     */
    public ChangeLog(int shards, int capacity, Clock clock, Consumer<String> warnings) {
        if (shards < 1 || shards > MAX_SHARDS) {
            throw new IllegalArgumentException("shards must be 1.." + MAX_SHARDS + ": " + shards);
        }
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1: " + capacity);
        }
        this.shards = shards;
        this.capacity = capacity;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.warnings = Objects.requireNonNull(warnings, "warnings");
        SecureRandom random = new SecureRandom();
        this.epochs = () -> {
            byte[] b = new byte[16];
            synchronized (random) {
                random.nextBytes(b);
            }
            return HexFormat.of().formatHex(b);
        };
    }

    public int shards() {
        return shards;
    }

    public int capacity() {
        return capacity;
    }

    /** The shard of a change: {@code fnv1a32(binding + "\n" + key) mod shards}, as capture.mjs picks it. */
    public static int shardOf(String binding, String key, int shards) {
        return (int) (Integer.toUnsignedLong(fnv1a32(binding + "\n" + key)) % shards);
    }

    /** FNV-1a, 32 bits, over the UTF-8 bytes of {@code text}; read it unsigned. */
    public static int fnv1a32(String text) {
        int hash = 0x811C9DC5;
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            hash ^= b & 0xFF;
            hash *= 0x01000193;
        }
        return hash;
    }

    /**
     * Records a change as a Worker configured with this log's shard count does, then makes the
     * write; see {@link ChangeShard#record}.
     *
     * @return whether the change was recorded (false when its shard overflowed)
     */
    public boolean record(String binding, String key, ChangeShard.Op op, Long expiration, Runnable write) {
        return recordAs(shards, binding, key, op, expiration, write);
    }

    /**
     * Records a change as a Worker configured with {@code writerShards} shards does: into the shard
     * that count picks, which may be one Landfall never reads.
     */
    public boolean recordAs(
            int writerShards, String binding, String key, ChangeShard.Op op, Long expiration, Runnable write) {
        if (writerShards < 1 || writerShards > MAX_SHARDS) {
            throw new IllegalArgumentException("writerShards must be 1.." + MAX_SHARDS + ": " + writerShards);
        }
        return shard(shardOf(binding, key, writerShards)).record(binding, key, op, expiration, writerShards, write);
    }

    /** Shard {@code index} if Landfall may read it ({@code 0..shards-1}). */
    public Optional<ChangeShard> readable(int index) {
        return index >= 0 && index < shards ? Optional.of(shard(index)) : Optional.empty();
    }

    private ChangeShard shard(int index) {
        return byIndex.computeIfAbsent(index, i -> new ChangeShard(i, capacity, clock, epochs, warnings));
    }
}
