package dev.landfall.serve;

import dev.landfall.core.codec.PercentDecoding;
import dev.landfall.core.model.KvErrorCodes;
import java.util.Map;

/**
 * A request to Cloudflare's KV REST routes, its path taken apart. Keys are the rest of the path
 * after {@code /values/} or {@code /metadata/}: an unencoded {@code /} in it is part of the key,
 * as Cloudflare reads it.
 *
 * @param resource what the path names
 * @param namespaceId the namespace, or null for the namespace list
 * @param key the key's bytes, percent-decoded, or null
 * @param query the decoded query, first value of each name
 */
record KvApiRequest(Resource resource, String namespaceId, byte[] key, Map<String, String> query) {
    /** What a path names. */
    enum Resource {
        NAMESPACES,
        NAMESPACE,
        KEYS,
        VALUE,
        METADATA,
        BULK,
        BULK_DELETE
    }

    private static final String BASE = "/storage/kv/namespaces";

    /**
     * Parses a raw path below {@code /client/v4} ({@code /accounts/ACCOUNT/storage/kv/namespaces…});
     * the account id is not checked: serve has one store.
     *
     * @throws KvError 404 code 7003 for a path that is not a KV route, 400 for a malformed escape
     */
    static KvApiRequest parse(String rawPath, String rawQuery) {
        if (!rawPath.startsWith("/accounts/")) {
            throw noRoute(rawPath);
        }
        int accountEnd = rawPath.indexOf('/', "/accounts/".length());
        if (accountEnd < 0 || accountEnd == "/accounts/".length() || !rawPath.startsWith(BASE, accountEnd)) {
            throw noRoute(rawPath);
        }
        String rest = rawPath.substring(accountEnd + BASE.length());
        Map<String, String> query = query(rawQuery);
        if (rest.isEmpty() || rest.equals("/")) {
            return new KvApiRequest(Resource.NAMESPACES, null, null, query);
        }
        int nsEnd = rest.indexOf('/', 1);
        String ns = text(rest.substring(1, nsEnd < 0 ? rest.length() : nsEnd));
        if (ns.isEmpty()) {
            throw noRoute(rawPath);
        }
        if (nsEnd < 0) {
            return new KvApiRequest(Resource.NAMESPACE, ns, null, query);
        }
        String tail = rest.substring(nsEnd);
        if (tail.startsWith("/values/")) {
            return new KvApiRequest(Resource.VALUE, ns, segment(tail.substring(8)), query);
        }
        if (tail.startsWith("/metadata/")) {
            return new KvApiRequest(Resource.METADATA, ns, segment(tail.substring(10)), query);
        }
        return switch (tail) {
            case "/keys" -> new KvApiRequest(Resource.KEYS, ns, null, query);
            case "/bulk" -> new KvApiRequest(Resource.BULK, ns, null, query);
            case "/bulk/delete" -> new KvApiRequest(Resource.BULK_DELETE, ns, null, query);
            default -> throw noRoute(rawPath);
        };
    }

    /** A query parameter, or null. */
    String param(String name) {
        return query.get(name);
    }

    static KvError noRoute(String rawPath) {
        String shown = rawPath.length() > 200 ? rawPath.substring(0, 200) + "…" : rawPath;
        return new KvError(
                404,
                KvErrorCodes.COULD_NOT_ROUTE,
                "Could not route to /client/v4" + shown + ", perhaps your object identifier is invalid?");
    }

    private static String text(String raw) {
        return new String(segment(raw), java.nio.charset.StandardCharsets.UTF_8);
    }

    private static byte[] segment(String raw) {
        try {
            return PercentDecoding.path(raw);
        } catch (PercentDecoding.Malformed e) {
            throw KvError.badRequest(KvErrorCodes.INVALID_PARAMETER, e.getMessage());
        }
    }

    private static Map<String, String> query(String raw) {
        try {
            return PercentDecoding.query(raw);
        } catch (PercentDecoding.Malformed e) {
            throw KvError.badRequest(KvErrorCodes.INVALID_PARAMETER, e.getMessage());
        }
    }
}
