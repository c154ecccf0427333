package dev.landfall.verify.latency.parity;

import dev.landfall.core.error.LandfallException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A JSONPath subset naming fields to ignore: {@code $} then {@code .name}, {@code ['name']},
 * {@code [3]}, and the wildcards {@code .*} and {@code [*]}. A pattern that matches a node
 * ignores its whole subtree. Examples: {@code $.requestId}, {@code $.items[*].updatedAt}.
 */
public final class PathPattern {
    /** Matches any one segment. */
    static final String ANY = "*";

    private final String text;
    private final List<String> segments;

    private PathPattern(String text, List<String> segments) {
        this.text = text;
        this.segments = List.copyOf(segments);
    }

    /**
     * Parses a pattern.
     *
     * @throws LandfallException (usage) naming the position of the error
     */
    public static PathPattern parse(String text) {
        Objects.requireNonNull(text, "text");
        if (!text.startsWith("$")) {
            throw bad(text, "must start with $");
        }
        List<String> segments = new ArrayList<>();
        int i = 1;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '.') {
                int end = i + 1;
                while (end < text.length() && text.charAt(end) != '.' && text.charAt(end) != '[') {
                    end++;
                }
                if (end == i + 1) {
                    throw bad(text, "has an empty name at position " + (i + 1));
                }
                segments.add(text.substring(i + 1, end));
                i = end;
            } else if (c == '[') {
                int end = text.indexOf(']', i);
                if (end < 0) {
                    throw bad(text, "has an unclosed [ at position " + (i + 1));
                }
                String inside = text.substring(i + 1, end);
                if (inside.equals("*") || inside.matches("\\d{1,9}")) {
                    segments.add(inside.equals("*") ? ANY : "[" + Integer.parseInt(inside) + "]");
                } else if (inside.length() >= 2 && inside.startsWith("'") && inside.endsWith("'")) {
                    segments.add(inside.substring(1, inside.length() - 1));
                } else {
                    throw bad(text, "has [" + inside + "]; use [3], [*] or ['name']");
                }
                i = end + 1;
            } else {
                throw bad(text, "has '" + c + "' at position " + (i + 1) + " where . or [ belongs");
            }
        }
        return new PathPattern(text, segments);
    }

    /** The pattern matching exactly one concrete path (as {@link JsonPathText} writes it), indices kept. */
    static PathPattern exact(List<String> segments) {
        return new PathPattern(JsonPathText.of(segments), segments);
    }

    /** The pattern with every array index replaced by {@code [*]}: noise in one element is noise in all. */
    PathPattern generalized() {
        List<String> g = new ArrayList<>(segments.size());
        for (String s : segments) {
            g.add(isIndex(s) ? ANY : s);
        }
        return new PathPattern(JsonPathText.of(g), g);
    }

    /** Whether the pattern matches the concrete path or one of its ancestors. */
    boolean matches(List<String> path) {
        if (path.size() < segments.size()) {
            return false;
        }
        for (int i = 0; i < segments.size(); i++) {
            String s = segments.get(i);
            String p = path.get(i);
            if (!s.equals(ANY) && !s.equals(p)) {
                return false;
            }
        }
        return true;
    }

    static boolean isIndex(String segment) {
        return segment.length() > 2 && segment.charAt(0) == '[' && segment.charAt(segment.length() - 1) == ']';
    }

    private static LandfallException bad(String text, String why) {
        return LandfallException.usage(
                "--ignore " + text + " " + why, "write a JSONPath such as $.requestId or $.items[*].updatedAt");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PathPattern p && segments.equals(p.segments);
    }

    @Override
    public int hashCode() {
        return segments.hashCode();
    }

    @Override
    public String toString() {
        return text;
    }
}
