package dev.landfall.cli.render;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.landfall.cli.option.ReportFormat;
import dev.landfall.core.diff.KeyDetail;
import dev.landfall.core.diff.ScopeVerification;
import dev.landfall.core.report.HtmlText;
import dev.landfall.core.report.JsonReport;
import dev.landfall.core.report.MarkdownTable;
import dev.landfall.core.report.Quoted;
import dev.landfall.core.report.ScopeLabel;
import dev.landfall.core.text.VisibleText;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/**
 * The result of {@code verify data} in the report formats.
 *
 * @param source the source, described
 * @param store the store, password masked
 * @param scopes every scope compared
 */
public record VerificationReport(String source, String store, List<ScopeVerification> scopes) {
    public VerificationReport {
        scopes = List.copyOf(scopes);
    }

    /** Whether every scope is equal. */
    public boolean equal() {
        return scopes.stream().allMatch(ScopeVerification::equal);
    }

    public void write(ReportFormat format, PrintWriter out) {
        switch (format) {
            case JSON -> json(out);
            case MD -> markdown(out);
            case HTML -> html(out);
            case TEXT -> text(out);
        }
        out.flush();
    }

    private void text(PrintWriter out) {
        out.printf("Verify data: %s against %s%n", VisibleText.of(store), VisibleText.of(source));
        for (ScopeVerification s : scopes) {
            out.printf(
                    Locale.ROOT,
                    "  %s %s: %d entries in the source, %d in the store%s%n",
                    s.equal() ? "equal  " : "DIFFERS",
                    ScopeLabel.of(s.scope()),
                    s.source().count(),
                    s.store().count(),
                    expired(s));
            if (!s.equal()) {
                out.printf(
                        Locale.ROOT,
                        "    %d key(s) differ, in %d of 256 digest buckets%n",
                        s.differences(),
                        s.differingBuckets().size());
                for (KeyDetail d : s.shown()) {
                    out.printf("    %s %s%n", what(d), Quoted.of(d.key()));
                }
                if (s.differences() > s.shown().size()) {
                    out.printf(
                            Locale.ROOT,
                            "    ... and %d more%n",
                            s.differences() - s.shown().size());
                }
            }
        }
        long differ = scopes.stream().filter(s -> !s.equal()).count();
        out.println(
                differ == 0
                        ? "Equal: every scope's count and digest match."
                        : "NOT equal: " + differ + " of " + scopes.size() + " scope(s) differ.");
    }

    private static String what(KeyDetail d) {
        return switch (d.kind()) {
            case CREATE -> "missing in the store:";
            case DELETE -> "only in the store:   ";
            case UPDATE -> "different:           ";
            case UNCHANGED -> "";
        };
    }

    private static String expired(ScopeVerification s) {
        long n = s.expiredInSource() + s.expiredInStore();
        return n == 0 ? "" : String.format(Locale.ROOT, " (%d expired since, not compared)", n);
    }

    private void markdown(PrintWriter out) {
        out.println("### Landfall verify data");
        out.println();
        out.printf(
                "`%s` against `%s`: **%s**%n%n",
                VisibleText.of(store).replace("`", "'"),
                VisibleText.of(source).replace("`", "'"),
                equal() ? "equal" : "NOT equal");
        out.println("| scope | result | source entries | store entries | differing keys |");
        out.println("|---|---|---:|---:|---:|");
        for (ScopeVerification s : scopes) {
            out.println(MarkdownTable.row(
                    ScopeLabel.of(s.scope()),
                    s.equal() ? "equal" : "**differs**",
                    s.source().count(),
                    s.store().count(),
                    s.differences()));
        }
    }

    private void html(PrintWriter out) {
        out.println(
                "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Landfall verify data</title>");
        out.println(
                "<style>body{font:14px system-ui,sans-serif;margin:2rem}table{border-collapse:collapse}"
                        + "td,th{border:1px solid #ccc;padding:.3rem .6rem}.bad{color:#c62828;font-weight:600}</style></head><body>");
        out.printf(
                "<h1>Verify data: %s</h1><p><code>%s</code> against <code>%s</code></p>%n",
                equal() ? "equal" : "<span class=\"bad\">NOT equal</span>",
                HtmlText.escape(store),
                HtmlText.escape(source));
        out.println(
                "<table><tr><th>scope</th><th>result</th><th>source</th><th>store</th><th>differing keys</th></tr>");
        for (ScopeVerification s : scopes) {
            out.printf(
                    Locale.ROOT,
                    "<tr><td>%s</td><td%s>%s</td><td>%d</td><td>%d</td><td>%d</td></tr>%n",
                    HtmlText.escape(ScopeLabel.of(s.scope())),
                    s.equal() ? "" : " class=\"bad\"",
                    s.equal() ? "equal" : "differs",
                    s.source().count(),
                    s.store().count(),
                    s.differences());
        }
        out.println("</table></body></html>");
    }

    private void json(PrintWriter out) {
        ObjectNode root = JsonReport.newDocument();
        root.put("source", source);
        root.put("store", store);
        root.put("equal", equal());
        JsonReport.putObjects(root, "scopes", scopes, (n, s) -> {
            n.put("scope", s.scope().id());
            n.put("equal", s.equal());
            n.put("sourceCount", s.source().count());
            n.put("storeCount", s.store().count());
            n.put("sourceDigest", s.source().sumHex());
            n.put("storeDigest", s.store().sumHex());
            n.put("expiredInSource", s.expiredInSource());
            n.put("expiredInStore", s.expiredInStore());
            n.put("differences", s.differences());
            ArrayNode buckets = n.putArray("differingBuckets");
            s.differingBuckets().forEach(buckets::add);
            JsonReport.putObjects(n, "keys", s.shown(), (k, d) -> {
                k.put("key", d.key());
                k.put(
                        "difference",
                        switch (d.kind()) {
                            case CREATE -> "missing-in-store";
                            case DELETE -> "only-in-store";
                            default -> "different";
                        });
            });
        });
        out.println(JsonReport.pretty(root));
    }
}
