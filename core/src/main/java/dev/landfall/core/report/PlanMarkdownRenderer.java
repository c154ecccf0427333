package dev.landfall.core.report;

import dev.landfall.core.diff.KeyDetail;
import dev.landfall.core.diff.Plan;
import dev.landfall.core.diff.ScopePlan;
import dev.landfall.core.text.VisibleText;
import java.io.PrintWriter;
import java.util.Locale;

/** A plan as Markdown for a pull-request comment: a summary table, then the changes as a diff block. */
public final class PlanMarkdownRenderer implements ReportRenderer<Plan> {
    @Override
    public void render(Plan plan, PrintWriter out) {
        out.println("### Landfall plan");
        out.println();
        out.printf(
                Locale.ROOT,
                "`%s` → `%s` (mode `%s`, %s)%n%n",
                code(plan.source()),
                code(plan.store()),
                ReportText.mode(plan.mode()),
                plan.at());
        out.printf("**%s**%n%n", ReportText.headline(plan.totals()));
        out.println("| scope | create | update | delete | unchanged | to write |");
        out.println("|---|---:|---:|---:|---:|---:|");
        for (ScopePlan s : plan.scopes()) {
            out.println(MarkdownTable.row(ReportText.scopeRow(ScopeLabel.of(s.scope()), s.counts())));
        }
        out.println();
        for (ScopePlan s : plan.scopes()) {
            if (s.shown().isEmpty()) {
                continue;
            }
            out.printf("<details><summary>%s</summary>%n%n", html(ScopeLabel.of(s.scope())));
            out.println("```diff");
            for (KeyDetail d : s.shown()) {
                String key = Quoted.of(d.key());
                switch (d.kind()) {
                    case CREATE ->
                        out.printf(
                                "+ %s  %s sha256:%s%n",
                                key,
                                ByteSize.format(d.after().valueSize()),
                                d.after().shortHash());
                    case DELETE -> out.printf("- %s%n", key);
                    case UPDATE ->
                        out.printf(
                                "! %s  %s sha256:%s -> %s sha256:%s%s%s%n",
                                key,
                                ByteSize.format(d.before().valueSize()),
                                d.before().shortHash(),
                                ByteSize.format(d.after().valueSize()),
                                d.after().shortHash(),
                                d.metadataChanged() ? ", metadata changed" : "",
                                d.expirationChanged() ? ", expiration changed" : "");
                    case UNCHANGED -> {}
                }
            }
            if (s.notShown() > 0) {
                out.printf(Locale.ROOT, "# ... and %d more%n", s.notShown());
            }
            out.println("```");
            out.println();
            out.println("</details>");
            out.println();
        }
        for (String note : ReportText.notes(plan)) {
            out.println("- " + note);
        }
        out.flush();
    }

    private static String code(String s) {
        return VisibleText.of(s).replace("`", "'");
    }

    private static String html(String s) {
        return HtmlText.escape(s);
    }
}
