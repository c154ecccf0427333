package dev.landfall.store.redis;

/**
 * The Redis keys of one scope: its index, the prefixes of its value and metadata keys, and the set
 * of Durable Objects a written object is listed in. Entry
 * keys are built by appending the entry's key bytes, never converted to text, so any byte
 * sequence survives. The arrays are owned and never changed.
 */
final class RedisScopeKeys {
    private final byte[] index;
    private final byte[] valuePrefix;
    private final byte[] metadataPrefix;
    private final byte[] objects;
    private final byte[] objectMember;

    private RedisScopeKeys(
            byte[] index, byte[] valuePrefix, byte[] metadataPrefix, byte[] objects, byte[] objectMember) {
        this.index = index;
        this.valuePrefix = valuePrefix;
        this.metadataPrefix = metadataPrefix;
        this.objects = objects;
        this.objectMember = objectMember;
    }

    static RedisScopeKeys of(String base, boolean kv, byte[] objects, byte[] objectMember) {
        return new RedisScopeKeys(
                RedisLayout.bytes(base + "idx"),
                RedisLayout.bytes(base + "v:"),
                kv ? RedisLayout.bytes(base + "m:") : null,
                objects,
                objectMember);
    }

    /** The sorted set of the scope's keys. */
    byte[] index() {
        return index;
    }

    /** The store's {@code do:objects} set, which lists every Durable Object written. */
    byte[] objects() {
        return objects;
    }

    /** The scope's {@code do:objects} member; null for a KV namespace. */
    byte[] objectMember() {
        return objectMember;
    }

    /** Whether entries carry metadata and expiration (a KV namespace). */
    boolean kv() {
        return metadataPrefix != null;
    }

    /** {@code …:v:} followed by the key bytes. */
    byte[] value(byte[] key) {
        return concat(valuePrefix, key);
    }

    /** {@code …:m:} followed by the key bytes; KV namespaces only. */
    byte[] metadata(byte[] key) {
        return concat(metadataPrefix, key);
    }

    private static byte[] concat(byte[] prefix, byte[] key) {
        byte[] out = new byte[prefix.length + key.length];
        System.arraycopy(prefix, 0, out, 0, prefix.length);
        System.arraycopy(key, 0, out, prefix.length, key.length);
        return out;
    }
}
