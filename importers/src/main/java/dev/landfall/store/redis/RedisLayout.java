package dev.landfall.store.redis;

import dev.landfall.core.error.LandfallException;
import dev.landfall.core.model.DurableObject;
import dev.landfall.core.model.KvNamespace;
import dev.landfall.core.model.Scope;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;

/**
 * The Redis key names of one store (documented in {@code docs/stores/redis.md}); every key starts
 * with the URI's prefix:
 *
 * <pre>
 * {prefix}kv:namespaces                     hash  namespaceId → title
 * {prefix}kv:{namespaceId}:idx              zset  key bytes, score 0 (byte order with BYLEX)
 * {prefix}kv:{namespaceId}:v:{key}          string value, PXAT expiration*1000 when it expires
 * {prefix}kv:{namespaceId}:m:{key}          string metadata JSON, same PXAT; only with metadata
 * {prefix}do:objects                        zset  "{namespaceId}:{objectId}", score 0
 * {prefix}do:{namespaceId}:{objectId}:idx   zset  key bytes, score 0
 * {prefix}do:{namespaceId}:{objectId}:v:{key}  string typed-JSON value
 * </pre>
 *
 * Ids may not contain {@code :}, so that no two scopes' keys can collide, with one exception: an
 * object id may end in {@code :sql} (a SQLite-backed object's companion scope, {@link
 * DurableObject#SQL_SUFFIX}). That stays unambiguous: after {@code do:{ns}:{object}:} an object's
 * own keys go on with {@code idx}, {@code v:} or {@code m:}, its companion's with {@code sql:}; and
 * a {@code do:objects} member splits at its first colon, since namespace ids hold none.
 */
final class RedisLayout {
    private final String prefix;
    private final byte[] namespaces;
    private final byte[] objects;

    RedisLayout(String prefix) {
        this.prefix = Objects.requireNonNull(prefix, "prefix");
        this.namespaces = bytes(prefix + "kv:namespaces");
        this.objects = bytes(prefix + "do:objects");
    }

    /** The hash of KV namespace titles. */
    byte[] namespaces() {
        return namespaces;
    }

    /** The sorted set of Durable Objects that were written. */
    byte[] objects() {
        return objects;
    }

    /** A {@code do:objects} member back as its scope, if it has the {@code ns:object} shape. */
    static Optional<DurableObject> objectOf(String member) {
        int colon = member.indexOf(':');
        if (colon <= 0 || colon == member.length() - 1) {
            return Optional.empty();
        }
        return Optional.of(new DurableObject(member.substring(0, colon), member.substring(colon + 1)));
    }

    /** The keys of one scope; empty if its ids cannot be stored in this layout. */
    Optional<RedisScopeKeys> keysOf(Scope scope) {
        if (scope instanceof KvNamespace kv) {
            return storable(kv.namespaceId())
                    ? Optional.of(RedisScopeKeys.of(prefix + "kv:" + kv.namespaceId() + ":", true, objects, null))
                    : Optional.empty();
        }
        DurableObject o = (DurableObject) scope;
        return storable(o.namespaceId()) && storableObject(o.objectId())
                ? Optional.of(RedisScopeKeys.of(
                        prefix + "do:" + o.namespaceId() + ":" + o.objectId() + ":",
                        false,
                        objects,
                        bytes(o.namespaceId() + ":" + o.objectId())))
                : Optional.empty();
    }

    /** As {@link #keysOf(Scope)}, for writing: an id that cannot be stored is an error. */
    RedisScopeKeys keysForWriting(Scope scope, String label) {
        return keysOf(scope).orElseThrow(() -> unstorable(scope, label));
    }

    /** The usage error for a scope whose ids this layout cannot hold. */
    static LandfallException unstorable(Scope scope, String label) {
        return LandfallException.usage(
                "store " + label + " cannot hold " + scope.describe()
                        + ": its ids must be non-empty and must not contain ':' (the layout's separator),"
                        + " except an object id's '" + DurableObject.SQL_SUFFIX + "' suffix",
                "write this scope into a sqlite: or postgres: store, or a bundle");
    }

    private static boolean storable(String id) {
        return !id.isEmpty() && id.indexOf(':') < 0;
    }

    /** An object id, or an object id and the SQL companion's suffix. */
    private static boolean storableObject(String id) {
        return storable(id)
                || id.endsWith(DurableObject.SQL_SUFFIX)
                        && storable(id.substring(0, id.length() - DurableObject.SQL_SUFFIX.length()));
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
