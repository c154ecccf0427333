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
    private static final String API_PREFIX = "/client/v4";

    /**
     * Parses a raw path as the client sent it: {@code /client/v4/accounts/ACCOUNT/storage/kv/namespaces…},
     * or the same without {@code /client/v4}; the account id is not checked: serve has one store.
     *
     * @throws KvError 404 code 7003 for a path that is not a KV route, naming the path as sent; 400
     *     for a malformed escape
     */
    static KvApiRequest parse(String sentPath, String rawQuery) {
        String rawPath = sentPath.startsWith(API_PREFIX + "/") ? sentPath.substring(API_PREFIX.length()) : sentPath;
        return parseBelowPrefix(sentPath, rawPath, rawQuery);
    }

    /** {@code rawPath} is {@code sentPath} without {@code /client/v4}; a refusal names the path as sent. */
    private static KvApiRequest parseBelowPrefix(String sentPath, String rawPath, String rawQuery) {
        if (!rawPath.startsWith("/accounts/")) {
            throw noRoute(sentPath);
        }
        int accountEnd = rawPath.indexOf('/', "/accounts/".length());
        if (accountEnd < 0 || accountEnd == "/accounts/".length() || !rawPath.startsWith(BASE, accountEnd)) {
            throw noRoute(sentPath);
        }
        String rest = rawPath.substring(accountEnd + BASE.length());
        Map<String, String> query = query(rawQuery);
        if (rest.isEmpty() || rest.equals("/")) {
            return new KvApiRequest(Resource.NAMESPACES, null, null, query);
        }
        int nsEnd = rest.indexOf('/', 1);
        String ns = text(rest.substring(1, nsEnd < 0 ? rest.length() : nsEnd));
        if (ns.isEmpty()) {
            throw noRoute(sentPath);
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
            default -> throw noRoute(sentPath);
        };
    }

    /** A query parameter, or null. */
    String param(String name) {
        return query.get(name);
    }

    static KvError noRoute(String sentPath) {
        String shown = sentPath.length() > 200 ? sentPath.substring(0, 200) + "…" : sentPath;
        return new KvError(
                404,
                KvErrorCodes.COULD_NOT_ROUTE,
                "Could not route to " + shown + ", perhaps your object identifier is invalid?");
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
