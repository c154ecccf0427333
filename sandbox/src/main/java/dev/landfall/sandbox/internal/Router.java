package dev.landfall.sandbox.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Matches a raw path against OpenAPI-style templates ({@code /accounts/{account_id}/…}). A
 * {@code {param}} matches exactly one raw segment, still percent-encoded, so {@code %2F} never
 * splits a key. A template's last {@code {key_name}} takes the rest of the path, slashes and all:
 * Cloudflare reads {@code …/values/a/b} as the key {@code a/b}, and SDK 4.x sends keys unencoded.
 */
public final class Router {
    /** The parameter that, last in a template, takes the rest of the path. */
    static final String REST_OF_PATH = "{key_name}";

    /** A registered route. */
    public record Def(String method, String template, String operationId, Handler handler, List<String> segments) {}

    /** The result of a lookup: the route, or only whether some route has this path. */
    public record Match(Optional<Def> route, Map<String, String> rawParams, boolean pathKnown) {}

    private final List<Def> defs = new ArrayList<>();

    /** Adds an API route; every one needs the bearer token (the Dispatcher checks it first). */
    public void add(String method, String template, String operationId, Handler handler) {
        defs.add(new Def(method, template, operationId, handler, split(template)));
    }

    public List<Def> defs() {
        return List.copyOf(defs);
    }

    /** Looks up a raw path (without {@code /client/v4}). */
    public Match find(String method, String rawPath) {
        List<String> segments = split(rawPath);
        boolean pathKnown = false;
        for (Def d : defs) {
            Map<String, String> params = match(d.segments(), segments);
            if (params == null) {
                continue;
            }
            pathKnown = true;
            if (d.method().equals(method)) {
                return new Match(Optional.of(d), params, true);
            }
        }
        return new Match(Optional.empty(), Map.of(), pathKnown);
    }

    private static Map<String, String> match(List<String> template, List<String> path) {
        boolean restOfPath =
                !template.isEmpty() && template.get(template.size() - 1).equals(REST_OF_PATH);
        if (restOfPath ? path.size() < template.size() : template.size() != path.size()) {
            return null;
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < template.size(); i++) {
            String t = template.get(i);
            String p = restOfPath && i == template.size() - 1
                    ? String.join("/", path.subList(i, path.size()))
                    : path.get(i);
            if (t.startsWith("{") && t.endsWith("}")) {
                params.put(t.substring(1, t.length() - 1), p);
            } else if (!t.equals(p)) {
                return null;
            }
        }
        return params;
    }

    /** Splits on {@code /}, dropping the leading empty segment; a trailing slash gives an empty last segment. */
    static List<String> split(String path) {
        List<String> out = new ArrayList<>();
        int start = path.startsWith("/") ? 1 : 0;
        if (start >= path.length()) {
            return out;
        }
        int i = start;
        while (true) {
            int slash = path.indexOf('/', i);
            if (slash < 0) {
                out.add(path.substring(i));
                return out;
            }
            out.add(path.substring(i, slash));
            i = slash + 1;
        }
    }
}
