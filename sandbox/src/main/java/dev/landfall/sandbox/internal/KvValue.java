package dev.landfall.sandbox.internal;

import java.util.Objects;

/**
 * A stored KV value: bytes written by a client, or a seeded value generated on demand from a seed
 * (so a 20,000-key seed costs a few bytes per value until read, and a multi-MiB value costs
 * nothing until read).
 */
public sealed interface KvValue permits KvValue.Stored, GeneratedValue {
    /** Length in bytes. */
    int size();

    /** The bytes; owned by this value, callers must not modify them. */
    byte[] bytes();

    static KvValue of(byte[] bytes) {
        return new Stored(bytes);
    }

    /** Bytes a client wrote; the array is owned, not copied. */
    record Stored(byte[] value) implements KvValue {
        public Stored {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public int size() {
            return value.length;
        }

        @Override
        public byte[] bytes() {
            return value;
        }
    }
}
