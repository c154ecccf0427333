package dev.landfall.core.report;

import java.io.PrintWriter;

/**
 * The frame every HTML report shares: one self-contained page (inline CSS, no script, no external
 * asset), so it opens anywhere, offline, and can be attached to a ticket.
 */
public final class HtmlPage {
    private static final String BODY_CSS =
            "body{font:14px/1.45 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:2rem;color:#1b1b1b}";

    private HtmlPage() {}

    /**
     * Opens the page up to its first heading: the head with {@code title} and the shared body rule
     * followed by {@code css} (one rule line each), then the body and an {@code h1} of the title.
     */
    public static void open(PrintWriter out, String title, String... css) {
        String t = HtmlText.escape(title);
        out.println("<!DOCTYPE html>");
        out.println("<html lang=\"en\"><head><meta charset=\"utf-8\">");
        out.println("<title>" + t + "</title>");
        out.println("<style>");
        out.println(BODY_CSS);
        for (String rule : css) {
            out.println(rule);
        }
        out.println("</style></head><body>");
        out.println("<h1>" + t + "</h1>");
    }

    /** Closes the page {@link #open} began, and flushes. */
    public static void close(PrintWriter out) {
        out.println("</body></html>");
        out.flush();
    }
}
