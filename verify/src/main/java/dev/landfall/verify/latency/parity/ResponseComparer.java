package dev.landfall.verify.latency.parity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Compares two answers: the status, then the body. JSON bodies compare structurally (field order
 * and whitespace do not matter, numbers compare by value), skipping every path an ignore pattern
 * matches; other bodies compare byte for byte as one value at path {@code $}. Thread-safe.
 */
public final class ResponseComparer {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ABSENT = "(absent)";

    private final List<PathPattern> ignored;

    public ResponseComparer(List<PathPattern> ignored) {
        this.ignored = List.copyOf(ignored);
    }

    /**
     * The differences between two answers, at most {@code limit} of them (the first found).
     * Empty when they are equal apart from ignored paths.
     */
    public List<Difference> compare(Answer baseline, Answer candidate, int limit) {
        List<Difference> out = new ArrayList<>();
        if (baseline.status() != candidate.status()) {
            out.add(new Difference(
                    "status", Integer.toString(baseline.status()), Integer.toString(candidate.status())));
        }
        if (baseline.sameBody(candidate) || ignoredPath(List.of()) || out.size() >= limit) {
            return out;
        }
        JsonNode a = baseline.looksLikeJson() ? parse(baseline.body()) : null;
        JsonNode b = candidate.looksLikeJson() ? parse(candidate.body()) : null;
        if (a == null || b == null) {
            out.add(new Difference("$", text(baseline), text(candidate)));
            return out;
        }
        walk(
                a,
                b,
                new ArrayList<>(),
                path -> out.size() >= limit || ignoredPath(path),
                (path, x, y) -> out.add(new Difference(JsonPathText.of(path), json(x), json(y))));
        return out;
    }

    /** Every differing JSON path of two answers, with indices; for learning noise. */
    Set<List<String>> differingPaths(Answer first, Answer second) {
        Set<List<String>> paths = new java.util.LinkedHashSet<>();
        if (first.sameBody(second)) {
            return paths;
        }
        JsonNode a = first.looksLikeJson() ? parse(first.body()) : null;
        JsonNode b = second.looksLikeJson() ? parse(second.body()) : null;
        if (a == null || b == null) {
            paths.add(List.of());
            return paths;
        }
        walk(a, b, new ArrayList<>(), path -> false, (path, x, y) -> paths.add(List.copyOf(path)));
        return paths;
    }

    /** Where a {@link #walk} reports a differing place; {@code x} or {@code y} is null where a field is absent. */
    @FunctionalInterface
    private interface DifferenceSink {
        void differ(List<String> path, JsonNode x, JsonNode y);
    }

    /**
     * Walks both trees in step, object fields in name order, and reports each differing place to
     * {@code sink}, neither reporting at nor descending below a path that {@code skips}. Noise
     * learning and comparing share this walk and differ only in those two.
     */
    private static void walk(
            JsonNode a, JsonNode b, List<String> path, Predicate<List<String>> skips, DifferenceSink sink) {
        if (skips.test(path)) {
            return;
        }
        if (a.isObject() && b.isObject()) {
            Set<String> names = new TreeSet<>();
            a.fieldNames().forEachRemaining(names::add);
            b.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                path.add(name);
                JsonNode x = a.get(name);
                JsonNode y = b.get(name);
                if (x != null && y != null) {
                    walk(x, y, path, skips, sink);
                } else if (!skips.test(path)) {
                    sink.differ(path, x, y);
                }
                path.remove(path.size() - 1);
            }
        } else if (a.isArray() && b.isArray() && a.size() == b.size()) {
            for (int i = 0; i < a.size(); i++) {
                path.add("[" + i + "]");
                walk(a.get(i), b.get(i), path, skips, sink);
                path.remove(path.size() - 1);
            }
        } else if (!same(a, b)) {
            sink.differ(path, a, b);
        }
    }

    private static boolean same(JsonNode a, JsonNode b) {
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue()) == 0;
        }
        // Arrays of different lengths, or a container against a scalar, are one difference here.
        return a.equals(b);
    }

    private boolean ignoredPath(List<String> path) {
        for (PathPattern p : ignored) {
            if (p.matches(path)) {
                return true;
            }
        }
        return false;
    }

    private static JsonNode parse(byte[] body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }

    private static String json(JsonNode node) {
        return node == null ? ABSENT : node.toString();
    }

    private static String text(Answer a) {
        if (!a.complete()) {
            return a.body().length + "+ bytes (sha256 differs)";
        }
        return new String(a.body(), StandardCharsets.UTF_8);
    }

    /** Visible for reports: the ignore patterns in force. */
    public List<PathPattern> ignored() {
        return ignored;
    }
}
