package dev.landfall.infra.terraform;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A small structural reader of HCL, enough to check generated Terraform without terraform: it
 * separates code from string literals and comments (interpolations {@code ${…}} count as code,
 * {@code $${} and {@code %%{} as literal text), checks that brackets balance, and lists the
 * top-level declarations and the references the code makes.
 */
final class HclStructure {
    private static final Pattern DECLARATION =
            Pattern.compile("(?m)^(resource|data|variable|output|module)((?: \"[^\"]*\")*) \\{$");
    private static final Pattern LABEL = Pattern.compile("\"([^\"]*)\"");
    private static final Pattern VAR = Pattern.compile("(?<![\\w.])var\\.([a-z0-9_]+)");
    private static final Pattern RESOURCE = Pattern.compile("(?<![\\w.])(aws_[a-z0-9_]+)\\.([a-z0-9_]+)");
    private static final Pattern DATA = Pattern.compile("(?<![\\w.])data\\.(aws_[a-z0-9_]+)\\.([a-z0-9_]+)");
    private static final Pattern MODULE = Pattern.compile("(?<![\\w.])module\\.([a-z0-9_]+)\\.([a-z0-9_]+)");

    /** The code of the file: string contents and comments blanked, interpolations kept. */
    final String code;
    /** Top-level blocks, {@code "resource aws_lb this"} → the block's text. */
    final Map<String, String> blocks = new LinkedHashMap<>();

    HclStructure(String text) {
        this.code = code(text);
        Matcher m = DECLARATION.matcher(text);
        while (m.find()) {
            StringBuilder key = new StringBuilder(m.group(1));
            Matcher label = LABEL.matcher(m.group(2));
            while (label.find()) {
                key.append(' ').append(label.group(1));
            }
            int end = text.indexOf("\n}\n", m.end());
            if (end < 0) {
                end = text.length() - 2;
            }
            if (blocks.put(key.toString(), text.substring(m.start(), end + 2)) != null) {
                throw new IllegalArgumentException("declared twice: " + key);
            }
        }
    }

    /** Labels of the top-level blocks of {@code kind}: resources and data sources as {@code type.name}. */
    Set<String> declared(String kind) {
        Set<String> out = new LinkedHashSet<>();
        for (String key : blocks.keySet()) {
            String[] parts = key.split(" ");
            if (parts[0].equals(kind)) {
                out.add(parts.length == 3 ? parts[1] + "." + parts[2] : parts[1]);
            }
        }
        return out;
    }

    Set<String> variableReferences() {
        return matches(VAR, 1, 0);
    }

    /** {@code type.name} of every {@code aws_type.name…} reference. */
    Set<String> resourceReferences() {
        return matches(RESOURCE, 1, 2);
    }

    /** {@code type.name} of every {@code data.aws_type.name…} reference. */
    Set<String> dataReferences() {
        return matches(DATA, 1, 2);
    }

    /** {@code module.output} of every {@code module.NAME.OUTPUT} reference. */
    Set<String> moduleReferences() {
        return matches(MODULE, 1, 2);
    }

    private Set<String> matches(Pattern pattern, int first, int second) {
        Set<String> out = new LinkedHashSet<>();
        Matcher m = pattern.matcher(code);
        while (m.find()) {
            out.add(second == 0 ? m.group(first) : m.group(first) + "." + m.group(second));
        }
        return out;
    }

    /**
     * Blanks string literals and comments, checks bracket balance, and fails on an unterminated
     * string or a bad escape.
     */
    static String code(String text) {
        StringBuilder code = new StringBuilder(text.length());
        Deque<Character> open = new ArrayDeque<>(); // '{', '[', '(' in code, '"' for a string
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            boolean inString = !open.isEmpty() && open.peek() == '"';
            if (inString) {
                if (c == '\\') {
                    char next = i + 1 < text.length() ? text.charAt(i + 1) : ' ';
                    if ("\"\\nrt".indexOf(next) < 0 && next != 'u') {
                        throw new IllegalArgumentException("bad escape \\" + next + " at " + i);
                    }
                    i += 2;
                } else if (text.startsWith("$${", i) || text.startsWith("%%{", i)) {
                    i += 3;
                } else if (text.startsWith("${", i) || text.startsWith("%{", i)) {
                    open.push('{');
                    code.append(' ');
                    i += 2;
                } else if (c == '"') {
                    open.pop();
                    code.append(' ');
                    i++;
                } else if (c == '\n') {
                    throw new IllegalArgumentException("unterminated string at " + i);
                } else {
                    i++;
                }
                continue;
            }
            if (c == '#' || text.startsWith("//", i)) {
                while (i < text.length() && text.charAt(i) != '\n') {
                    i++;
                }
                continue;
            }
            switch (c) {
                case '"' -> open.push('"');
                case '{', '[', '(' -> open.push(c);
                case '}', ']', ')' -> {
                    char expected = c == '}' ? '{' : c == ']' ? '[' : '(';
                    if (open.isEmpty() || open.pop() != expected) {
                        throw new IllegalArgumentException("unbalanced " + c + " at " + i);
                    }
                }
                default -> {}
            }
            code.append(c == '"' ? ' ' : c);
            i++;
        }
        if (!open.isEmpty()) {
            throw new IllegalArgumentException("unclosed " + open.peek());
        }
        return code.toString();
    }
}
