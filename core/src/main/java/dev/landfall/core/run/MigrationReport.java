package dev.landfall.core.run;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.landfall.core.diff.ChangeCounts;
import dev.landfall.core.diff.ScopeVerification;
import dev.landfall.core.report.ByteSize;
import dev.landfall.core.report.HtmlText;
import dev.landfall.core.report.JsonReport;
import dev.landfall.core.report.LeftBehindText;
import dev.landfall.core.report.MarkdownTable;
import dev.landfall.core.report.Quoted;
import dev.landfall.core.report.RefusedValueText;
import dev.landfall.core.report.ScopeLabel;
import dev.landfall.core.spi.LeftBehind;
import dev.landfall.core.spi.RefusedValue;
import dev.landfall.core.text.VisibleText;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import java.util.stream.Stream;

/**
 * The final report of a migration: per scope the entries verified, what the import changed,
 * whether the digests are equal, expired keys; the values the export could not carry; and the
 * run's time and API use. Every name from
 * the account or a bundle is printed as {@link VisibleText} (escaped in HTML, JSON-escaped in JSON).
 *
 * @param spec what was migrated
 * @param scopes the verification of each scope
 * @param changes what the import changed per scope id, across resumed runs
 * @param expiredAtExport per scope id, keys this run's export skipped as already expired
 * @param vanishedAtExport per scope id, keys this run's export listed but found gone (expired or
 *     deleted) when reading their value
 * @param seconds this run's wall time
 * @param apiRequests API requests of this run (0 without a Cloudflare source)
 * @param rateLimited 429 answers of this run
 * @param notExported values the export could not carry (across resumed runs): the store lacks them
 *     though every digest is equal, so they are listed in every format
 * @param leftBehind scopes the source holds that the run did not take (an account's Durable Object
 *     namespaces without {@code --do}): the store lacks them, so they are listed in every format
 */
public record MigrationReport(
        RunSpec spec,
        List<ScopeVerification> scopes,
        Map<String, ChangeCounts> changes,
        Map<String, Long> expiredAtExport,
        Map<String, Long> vanishedAtExport,
        double seconds,
        long apiRequests,
        long rateLimited,
        List<RefusedValue> notExported,
        List<LeftBehind> leftBehind) {
    public MigrationReport {
        notExported = List.copyOf(notExported);
        leftBehind = List.copyOf(leftBehind);
    }

    /** Whether the run left a scope behind without the operator choosing what to take: exit 3. */
    public boolean leftSomethingBehind() {
        return !leftBehind.isEmpty();
    }

    /** The same report, with the run's duration. */
    public MigrationReport took(double runSeconds) {
        return new MigrationReport(
                spec,
                scopes,
                changes,
                expiredAtExport,
                vanishedAtExport,
                runSeconds,
                apiRequests,
                rateLimited,
                notExported,
                leftBehind);
    }

    public boolean equal() {
        return scopes.stream().allMatch(ScopeVerification::equal);
    }

    public void text(PrintWriter out) {
        out.printf(
                Locale.ROOT,
                "Migration %s -> %s (mode %s): %s%n",
                VisibleText.of(spec.from()),
                VisibleText.of(spec.to()),
                spec.mode().flag(),
                equal()
                        ? "complete, verified equal" + notExportedNote() + LeftBehindText.headline(leftBehind)
                        : "DATA DIFFERS");
        for (ScopeVerification s : scopes) {
            ChangeCounts c = changesOf(s);
            out.printf(
                    Locale.ROOT,
                    "  %s %s: %d entries; %d created, %d updated, %d deleted, %d unchanged; %d expired skipped%s%n",
                    s.equal() ? "equal  " : "DIFFERS",
                    ScopeLabel.of(s.scope()),
                    s.store().count(),
                    c.created(),
                    c.updated(),
                    c.deleted(),
                    c.unchanged(),
                    expired(s),
                    s.equal() ? "" : "; " + s.differences() + " key(s) differ (landfall verify data lists them)");
        }
        ChangeCounts t = total();
        out.printf(
                Locale.ROOT,
                "Total: %d scope(s), %d entries, %s written; %.1f s; %d API request(s), %d rate-limited (429)%n",
                scopes.size(),
                scopes.stream().mapToLong(s -> s.store().count()).sum(),
                ByteSize.format(t.valueBytes()),
                seconds,
                apiRequests,
                rateLimited);
        if (!notExported.isEmpty()) {
            out.printf("Not exported (the export Worker cannot encode them; the store lacks them):%n");
            for (RefusedValue v : notExported) {
                out.printf("  %s%n", RefusedValueText.line(v));
            }
        }
        if (!leftBehind.isEmpty()) {
            out.printf("Left behind (the store does not hold them):%n");
            for (LeftBehind l : leftBehind) {
                out.printf("  %s%n", LeftBehindText.line(l, "migrated"));
            }
        }
        out.flush();
    }

    /** {@code , but N value(s) not exported}, or nothing. */
    private String notExportedNote() {
        return notExported.isEmpty() ? "" : ", but " + notExported.size() + " value(s) NOT EXPORTED";
    }

    public void markdown(PrintWriter out) {
        out.printf(
                "### Landfall migration: %s%s%n%n",
                !equal()
                        ? "**data differs**"
                        : notExported.isEmpty()
                                ? "verified equal"
                                : "verified equal, but **" + notExported.size() + " value(s) not exported**",
                LeftBehindText.headline(leftBehind));
        out.printf("`%s` → `%s`%n%n", VisibleText.of(spec.from()), VisibleText.of(spec.to()));
        out.println("| scope | digests | entries | created | updated | deleted | expired skipped |");
        out.println("|---|---|---:|---:|---:|---:|---:|");
        for (ScopeVerification s : scopes) {
            out.println(MarkdownTable.row(Stream.concat(
                            Stream.of(ScopeLabel.of(s.scope()), s.equal() ? "equal" : "**differ**"),
                            tableCounts(s).boxed())
                    .toArray()));
        }
        out.printf(Locale.ROOT, "%n%.1f s, %d API requests, %d rate-limited%n", seconds, apiRequests, rateLimited);
        if (!notExported.isEmpty()) {
            out.printf(
                    "%n#### Not exported%n%nThe export Worker cannot encode these values; the store lacks them.%n%n");
            out.println("| scope | key | reason | path |");
            out.println("|---|---|---|---|");
            for (RefusedValue v : notExported) {
                out.println(MarkdownTable.row(
                        ScopeLabel.of(v.scope()),
                        Quoted.of(v.key()),
                        VisibleText.of(v.reason()),
                        v.path().map(VisibleText::of).orElse("")));
            }
        }
        if (!leftBehind.isEmpty()) {
            out.printf("%n#### Left behind%n%nThe store does not hold these.%n%n");
            for (LeftBehind l : leftBehind) {
                out.printf("- %s%n", MarkdownTable.cell(LeftBehindText.line(l, "migrated")));
            }
        }
        out.flush();
    }

    public void json(PrintWriter out) {
        ObjectNode root = JsonReport.newDocument();
        root.put("from", spec.from());
        root.put("to", spec.to());
        root.put("mode", spec.mode().flag());
        root.put("equal", equal());
        root.put("seconds", JsonReport.seconds(seconds));
        root.put("apiRequests", apiRequests);
        root.put("rateLimited", rateLimited);
        ArrayNode list = root.putArray("scopes");
        for (ScopeVerification s : scopes) {
            ChangeCounts c = changesOf(s);
            ObjectNode n = list.addObject();
            n.put("scope", s.scope().id());
            n.put("equal", s.equal());
            n.put("entries", s.store().count());
            n.put("sourceDigest", s.source().sumHex());
            n.put("storeDigest", s.store().sumHex());
            n.put("created", c.created());
            n.put("updated", c.updated());
            n.put("deleted", c.deleted());
            n.put("unchanged", c.unchanged());
            n.put("expiredSkipped", expired(s));
            n.put("vanishedDuringExport", vanished(s));
            n.put("differences", s.differences());
        }
        RefusedValueText.json(root.putArray("notExported"), notExported);
        LeftBehindText.json(root.putArray("leftBehind"), leftBehind);
        out.println(JsonReport.pretty(root));
        out.flush();
    }

    public void html(PrintWriter out) {
        out.println("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Landfall migration</title>");
        out.println("<style>body{font:14px system-ui,sans-serif;margin:2rem}table{border-collapse:collapse}"
                + "td,th{border:1px solid #ccc;padding:.3rem .6rem}td.n{text-align:right}.bad{color:#c62828}</style>"
                + "</head><body>");
        out.printf(
                "<h1>Migration: %s</h1><p><code>%s</code> &rarr; <code>%s</code></p>%n",
                equal()
                        ? "verified equal"
                                + (notExported.isEmpty()
                                        ? ""
                                        : ", <span class=\"bad\">" + notExported.size()
                                                + " value(s) not exported</span>")
                        : "<span class=\"bad\">data differs</span>",
                HtmlText.escape(spec.from()),
                HtmlText.escape(spec.to()));
        out.println("<table><tr><th>scope</th><th>digests</th><th>entries</th><th>created</th><th>updated</th>"
                + "<th>deleted</th><th>expired skipped</th></tr>");
        for (ScopeVerification s : scopes) {
            out.printf(
                    "<tr><td>%s</td><td%s>%s</td>%s</tr>%n",
                    HtmlText.escape(ScopeLabel.of(s.scope())),
                    s.equal() ? "" : " class=\"bad\"",
                    s.equal() ? "equal" : "differ",
                    tableCounts(s)
                            .mapToObj(n -> "<td class=\"n\">" + n + "</td>")
                            .collect(Collectors.joining()));
        }
        out.printf(
                Locale.ROOT,
                "</table><p>%.1f s, %d API requests, %d rate-limited (429).</p>%n",
                seconds,
                apiRequests,
                rateLimited);
        if (!notExported.isEmpty()) {
            out.println("<h2 class=\"bad\">Not exported</h2><p>The export Worker cannot encode these values; the store"
                    + " lacks them.</p><table><tr><th>scope</th><th>key</th><th>reason</th><th>path</th></tr>");
            for (RefusedValue v : notExported) {
                out.printf(
                        "<tr><td>%s</td><td><code>%s</code></td><td>%s</td><td>%s</td></tr>%n",
                        HtmlText.escape(ScopeLabel.of(v.scope())),
                        HtmlText.escape(Quoted.of(v.key())),
                        HtmlText.escape(v.reason()),
                        HtmlText.escape(v.path().orElse("")));
            }
            out.println("</table>");
        }
        if (!leftBehind.isEmpty()) {
            out.println("<h2 class=\"bad\">Left behind</h2><p>The store does not hold these.</p><ul>");
            for (LeftBehind l : leftBehind) {
                out.printf("<li>%s</li>%n", HtmlText.escape(LeftBehindText.line(l, "migrated")));
            }
            out.println("</ul>");
        }
        out.println("</body></html>");
        out.flush();
    }

    /**
     * The numbers of a scope's row in the Markdown and HTML tables, in their column order: entries,
     * created, updated, deleted, expired skipped.
     */
    private LongStream tableCounts(ScopeVerification s) {
        ChangeCounts c = changesOf(s);
        return LongStream.of(s.store().count(), c.created(), c.updated(), c.deleted(), expired(s));
    }

    private ChangeCounts changesOf(ScopeVerification s) {
        return changes.getOrDefault(s.scope().id(), ChangeCounts.ZERO);
    }

    /** Keys of the scope that expired at any point of the run: before export, or after it. */
    private long expired(ScopeVerification s) {
        return s.expiredInSource() + expiredAtExport.getOrDefault(s.scope().id(), 0L);
    }

    private long vanished(ScopeVerification s) {
        return vanishedAtExport.getOrDefault(s.scope().id(), 0L);
    }

    private ChangeCounts total() {
        ChangeCounts t = ChangeCounts.ZERO;
        for (ChangeCounts c : changes.values()) {
            t = t.plus(c);
        }
        return t;
    }
}
