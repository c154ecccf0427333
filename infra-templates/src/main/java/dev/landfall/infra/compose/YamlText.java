package dev.landfall.infra.compose;

import java.util.regex.Pattern;

/** Writes compose YAML by hand, so the bytes are stable and the layout reads like a person's. */
final class YamlText {
    private static final Pattern PLAIN_KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]*");

    private final StringBuilder out = new StringBuilder();

    /** {@code key:} opening a nested block. */
    YamlText block(int indent, String key) {
        out.append("  ".repeat(indent)).append(key(key)).append(":\n");
        return this;
    }

    /** {@code key: "value"}. */
    YamlText entry(int indent, String key, String value) {
        out.append("  ".repeat(indent))
                .append(key(key))
                .append(": ")
                .append(quote(value))
                .append('\n');
        return this;
    }

    /** {@code key: value} with a value written as is (numbers, booleans, flow lists). */
    YamlText raw(int indent, String key, String value) {
        out.append("  ".repeat(indent))
                .append(key(key))
                .append(": ")
                .append(value)
                .append('\n');
        return this;
    }

    /** {@code - "value"}. */
    YamlText item(int indent, String value) {
        out.append("  ".repeat(indent)).append("- ").append(quote(value)).append('\n');
        return this;
    }

    /** A line written as is, such as {@code - type: bind} opening a list item. */
    YamlText line(int indent, String text) {
        out.append("  ".repeat(indent)).append(text).append('\n');
        return this;
    }

    /**
     * {@code - |} and {@code text} as a literal block scalar below it, so a shell script reads as
     * written. {@code text} ends in a newline and has no line starting with a space.
     */
    YamlText literalItem(int indent, String text) {
        out.append("  ".repeat(indent)).append("- |\n");
        for (String line : text.split("\n")) {
            out.append("  ".repeat(indent + 1)).append(line).append('\n');
        }
        return this;
    }

    /** A {@code #} comment line. */
    YamlText comment(int indent, String text) {
        out.append("  ".repeat(indent)).append("# ").append(text).append('\n');
        return this;
    }

    YamlText blank() {
        out.append('\n');
        return this;
    }

    String text() {
        return out.toString();
    }

    /** A flow list of double-quoted strings: {@code ["a", "b"]}. */
    static String flow(Iterable<String> values) {
        StringBuilder list = new StringBuilder("[");
        for (String value : values) {
            if (list.length() > 1) {
                list.append(", ");
            }
            list.append(quote(value));
        }
        return list.append(']').toString();
    }

    /** A YAML double-quoted scalar; every control character is escaped. */
    static String quote(String value) {
        StringBuilder quoted = new StringBuilder("\"");
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                case '\n' -> quoted.append("\\n");
                case '\t' -> quoted.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        quoted.append(String.format("\\u%04x", (int) c));
                    } else {
                        quoted.append(c);
                    }
                }
            }
        }
        return quoted.append('"').toString();
    }

    /**
     * A literal value for compose: compose replaces {@code ${VAR}} and {@code $VAR} in every
     * string, so a {@code $} the spec means literally is doubled.
     */
    static String literal(String value) {
        return value.replace("$", "$$");
    }

    private static String key(String key) {
        return PLAIN_KEY.matcher(key).matches() ? key : quote(key);
    }
}
