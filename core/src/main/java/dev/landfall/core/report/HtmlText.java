package dev.landfall.core.report;

import dev.landfall.core.text.VisibleText;

/**
 * Escaping for text placed in HTML and SVG: markup characters become entities, and control,
 * bidirectional and other unsafe characters become visible escapes ({@link VisibleText}), so a
 * title can neither add markup nor reorder or hide what the page shows.
 */
public final class HtmlText {
    private HtmlText() {}

    public static String escape(String s) {
        String visible = VisibleText.of(s);
        StringBuilder sb = new StringBuilder(visible.length());
        for (int i = 0; i < visible.length(); i++) {
            char c = visible.charAt(i);
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }
}
