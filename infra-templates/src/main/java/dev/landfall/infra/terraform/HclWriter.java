package dev.landfall.infra.terraform;

import dev.landfall.infra.TemplateGenerator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Writes HCL text: blocks, attributes and comments, indented by two spaces, with {@code \n} line
 * ends, laid out as {@code terraform fmt} would so the output passes {@code terraform fmt -check}:
 * the {@code =} of consecutive one-line attributes line up. Attribute values are expressions; {@link #string(String)} turns literal text into a quoted
 * HCL string with every character escaped, so a value from the spec can never open an
 * interpolation or end the string early. Not thread-safe; one writer per file.
 */
final class HclWriter {
    private final List<Line> lines = new ArrayList<>();
    private int depth;

    /**
     * One output line. {@code name} is set for a one-line attribute, whose {@code =} terraform fmt
     * aligns with its neighbours; {@code text} is everything after the name (or the whole line).
     */
    private record Line(String indent, String name, String text) {}

    /** A writer of a generated file: its {@link TemplateGenerator#notice} and a blank line. */
    static HclWriter generated(String what) {
        HclWriter w = new HclWriter();
        w.comment(TemplateGenerator.notice(what));
        w.blankLine();
        return w;
    }

    /** Opens {@code type "label" … {}}; close it with {@link #close()}. */
    HclWriter block(String type, String... labels) {
        StringBuilder line = new StringBuilder(type);
        for (String label : labels) {
            line.append(' ').append(string(label));
        }
        return open(line.append(" {").toString());
    }

    /** Opens {@code name = {}}, an object-valued attribute; close it with {@link #close()}. */
    HclWriter object(String name) {
        return open(name + " = {");
    }

    /** Writes {@code head} (which ends in an opening bracket) and indents what follows. */
    HclWriter open(String head) {
        line(head);
        depth++;
        return this;
    }

    HclWriter close() {
        return close("}");
    }

    /** Unindents and writes {@code closer}, the bracket(s) matching the last {@link #open}. */
    HclWriter close(String closer) {
        depth--;
        if (depth < 0) {
            throw new IllegalStateException("close() without an open block");
        }
        return line(closer);
    }

    /** One line of an expression, at the current indentation. */
    HclWriter line(String text) {
        lines.add(new Line("  ".repeat(depth), null, text));
        return this;
    }

    /** {@code name = expression}; the expression, on one line, is written as is. */
    HclWriter attribute(String name, String expression) {
        lines.add(new Line("  ".repeat(depth), name, expression));
        return this;
    }

    /** {@code name = "value"}, with {@code value} escaped as a literal. */
    HclWriter literal(String name, String value) {
        return attribute(name, string(value));
    }

    HclWriter attribute(String name, long value) {
        return attribute(name, Long.toString(value));
    }

    HclWriter attribute(String name, boolean value) {
        return attribute(name, Boolean.toString(value));
    }

    HclWriter comment(String text) {
        return line("# " + text.replace("\n", " "));
    }

    HclWriter blankLine() {
        lines.add(new Line("", null, ""));
        return this;
    }

    /** The text written so far; every block must be closed. */
    String text() {
        if (depth != 0) {
            throw new IllegalStateException(depth + " block(s) left open");
        }
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < lines.size()) {
            Line line = lines.get(i);
            if (line.name() == null) {
                out.append(line.text().isEmpty() ? "" : line.indent() + line.text())
                        .append('\n');
                i++;
                continue;
            }
            // A run of one-line attributes, ended by any other line (as in terraform fmt's
            // hclwrite), shares one column for its "=".
            int end = i;
            int width = 0;
            while (end < lines.size() && lines.get(end).name() != null) {
                width = Math.max(width, lines.get(end).name().length());
                end++;
            }
            for (Line attribute : lines.subList(i, end)) {
                out.append(attribute.indent())
                        .append(attribute.name())
                        .append(" ".repeat(width - attribute.name().length()))
                        .append(" = ")
                        .append(attribute.text())
                        .append('\n');
            }
            i = end;
        }
        String text = out.toString();
        while (text.endsWith("\n\n")) {
            text = text.substring(0, text.length() - 1);
        }
        return text;
    }

    /**
     * A quoted HCL string whose value is exactly {@code value}: quotes, backslashes and control
     * characters are escaped, and {@code ${} / {@code %{} become {@code $${} / {@code %%{} so they
     * stay literal instead of starting a template sequence.
     */
    static String string(String value) {
        StringBuilder s = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean opensTemplate = i + 1 < value.length() && value.charAt(i + 1) == '{';
            switch (c) {
                case '"' -> s.append("\\\"");
                case '\\' -> s.append("\\\\");
                case '\n' -> s.append("\\n");
                case '\r' -> s.append("\\r");
                case '\t' -> s.append("\\t");
                case '$' -> s.append(opensTemplate ? "$$" : "$");
                case '%' -> s.append(opensTemplate ? "%%" : "%");
                default -> {
                    if (c < 0x20) {
                        s.append(String.format("\\u%04x", (int) c));
                    } else {
                        s.append(c);
                    }
                }
            }
        }
        return s.append('"').toString();
    }

    /** {@code ["a", "b"]} from literal strings. */
    static String stringList(List<String> values) {
        return values.stream().map(HclWriter::string).collect(Collectors.joining(", ", "[", "]"));
    }

    /** {@code { "K" = "v", … }} from literal strings, on one line, in the map's order. */
    static String stringMap(Map<String, String> values) {
        if (values.isEmpty()) {
            return "{}";
        }
        return values.entrySet().stream()
                .map(e -> string(e.getKey()) + " = " + string(e.getValue()))
                .collect(Collectors.joining(", ", "{ ", " }"));
    }
}
