package dev.landfall.core.codec;

import java.util.Arrays;

/**
 * The location being read in a JSON document, for error messages: {@code $} for the root, {@code
 * .name} or {@code ["odd name"]} for a member, {@code [2]} for an array element. A mutable stack:
 * push a segment before reading a member or element, pop after.
 */
final class JsonPath {
    private static final int MAX_QUOTED = 60;

    private String[] names = new String[16];
    private int[] indices = new int[16];
    private int depth;

    void pushName(String name) {
        grow();
        names[depth] = name;
        indices[depth] = -1;
        depth++;
    }

    void pushIndex(int index) {
        grow();
        names[depth] = null;
        indices[depth] = index;
        depth++;
    }

    /** Replaces the index of the innermost segment, which must be an index. */
    void setIndex(int index) {
        indices[depth - 1] = index;
    }

    void pop() {
        depth--;
        names[depth] = null;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("$");
        for (int i = 0; i < depth; i++) {
            String name = names[i];
            if (name == null) {
                sb.append('[').append(indices[i]).append(']');
            } else if (isIdentifier(name)) {
                sb.append('.').append(name);
            } else {
                sb.append('[').append(quote(name)).append(']');
            }
        }
        return sb.toString();
    }

    /**
     * {@code text} as a JSON string literal for a message, cut to about 60 characters, with control
     * characters and lone surrogates escaped.
     */
    static String quote(String text) {
        StringBuilder sb = new StringBuilder(Math.min(text.length(), MAX_QUOTED) + 2).append('"');
        int n = Math.min(text.length(), MAX_QUOTED);
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c < 0x20 || (Character.isSurrogate(c) && !pairedAt(text, i))) {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        if (n < text.length()) {
            sb.append('…');
        }
        return sb.append('"').toString();
    }

    private static boolean pairedAt(String s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
        }
        return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
    }

    private static boolean isIdentifier(String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '$';
            if (!letter && !(i > 0 && c >= '0' && c <= '9')) {
                return false;
            }
        }
        return true;
    }

    private void grow() {
        if (depth == names.length) {
            names = Arrays.copyOf(names, depth * 2);
            indices = Arrays.copyOf(indices, depth * 2);
        }
    }
}
