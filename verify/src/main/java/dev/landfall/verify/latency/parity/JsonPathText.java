package dev.landfall.verify.latency.parity;

import java.util.List;

/** Writes a path of segments ({@code name}, {@code [3]}, {@code *}) as JSONPath text. */
final class JsonPathText {
    private JsonPathText() {}

    static String of(List<String> segments) {
        StringBuilder sb = new StringBuilder("$");
        for (String s : segments) {
            if (s.equals(PathPattern.ANY)) {
                sb.append("[*]");
            } else if (PathPattern.isIndex(s)) {
                sb.append(s);
            } else if (s.matches("[A-Za-z_][A-Za-z0-9_-]*")) {
                sb.append('.').append(s);
            } else {
                sb.append("['").append(s).append("']");
            }
        }
        return sb.toString();
    }
}
