package dev.landfall.store.clickhouse;

/** ClickHouse's TabSeparated escaping: a field never holds a raw tab, newline or backslash. */
final class Tsv {
    private Tsv() {}

    /** {@code s} with backslash, tab, newline, carriage return and NUL escaped. */
    static String escape(String s) {
        int n = s.length();
        int i = 0;
        while (i < n) {
            char c = s.charAt(i);
            if (c == '\\' || c == '\t' || c == '\n' || c == '\r' || c == '\0') {
                break;
            }
            i++;
        }
        if (i == n) {
            return s;
        }
        StringBuilder b = new StringBuilder(n + 8).append(s, 0, i);
        for (; i < n; i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> b.append("\\\\");
                case '\t' -> b.append("\\t");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\0' -> b.append("\\0");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    /** The inverse of {@link #escape}, for values the server sends back (DESCRIBE output). */
    static String unescape(String s) {
        if (s.indexOf('\\') < 0) {
            return s;
        }
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char e = s.charAt(++i);
                b.append(
                        switch (e) {
                            case 't' -> '\t';
                            case 'n' -> '\n';
                            case 'r' -> '\r';
                            case '0' -> '\0';
                            case 'b' -> '\b';
                            case 'f' -> '\f';
                            default -> e;
                        });
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}
