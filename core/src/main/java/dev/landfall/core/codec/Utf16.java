package dev.landfall.core.codec;

/** Well-formedness of Java (and JavaScript) strings, which are UTF-16 and may hold lone surrogates. */
final class Utf16 {
    private Utf16() {}

    /** Whether {@code s} has no lone surrogate, so that it is a sequence of Unicode scalar values. */
    static boolean isWellFormed(String s) {
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (!Character.isSurrogate(c)) {
                continue;
            }
            if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else {
                return false;
            }
        }
        return true;
    }
}
