package dev.landfall.cli.render;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.landfall.core.copy.ScopeCopyResult;
import dev.landfall.core.diff.ChangeCounts;
import dev.landfall.core.model.KvNamespace;
import dev.landfall.core.report.ByteSize;
import dev.landfall.core.report.JsonReport;
import dev.landfall.core.report.RefusedValueText;
import dev.landfall.core.report.ScopeLabel;
import dev.landfall.core.run.ImportOptions;
import dev.landfall.core.run.ImportResult;
import dev.landfall.core.spi.RefusedValue;
import dev.landfall.core.text.VisibleText;
import java.io.PrintStream;
import java.util.Locale;

/**
 * What {@code landfall import} prints at the end: a line per scope and the totals, or one JSON
 * document.
 *
 * @param options what the import was asked to do
 * @param result what it did
 */
public record ImportSummary(ImportOptions options, ImportResult result) implements Summary {
    @Override
    public void text(PrintStream out) {
        out.printf(
                Locale.ROOT,
                "Imported %s into %s (mode %s) in %.1f s%n",
                VisibleText.of(options.from().toString()),
                VisibleText.of(options.to().toString()),
                options.mode().flag(),
                result.seconds());
        for (ScopeCopyResult r : result.scopes()) {
            out.printf(Locale.ROOT, "  %s: %s%n", ScopeLabel.of(r.scope()), counts(r.counts()));
        }
        if (result.scopes().isEmpty()) {
            out.println("  the source holds no scopes to import");
        }
        ChangeCounts c = result.totals().counts();
        out.printf(Locale.ROOT, "Total: %s%n", counts(c));
        if (c.storeOnly() > 0) {
            out.printf(
                    Locale.ROOT,
                    "%d key(s) only in %s were left in place; --mode mirror deletes them%n",
                    c.storeOnly(),
                    VisibleText.of(options.to().toString()));
        }
        if (c.kept() > 0) {
            out.printf(Locale.ROOT, "%d differing key(s) were kept as the store holds them (create-only)%n", c.kept());
        }
        if (!result.notWritten().isEmpty()) {
            out.printf(
                    Locale.ROOT,
                    "%d value(s) NOT WRITTEN: the store refused them%n",
                    result.notWritten().size());
            for (RefusedValue v : result.notWritten()) {
                out.printf(Locale.ROOT, "  %s (%s)%n", RefusedValueText.line(v), VisibleText.of(v.description()));
            }
        }
    }

    private static String counts(ChangeCounts c) {
        return String.format(
                Locale.ROOT,
                "%d created, %d updated, %d deleted, %d unchanged, %d expired-skipped; %s written",
                c.created(),
                c.updated(),
                c.deleted(),
                c.unchanged(),
                c.expiredSkipped(),
                ByteSize.format(c.valueBytes()));
    }

    @Override
    public void json(PrintStream out) {
        ObjectNode root = JsonReport.newDocument();
        root.put("from", options.from().toString());
        root.put("to", options.to().toString());
        root.put("mode", options.mode().flag());
        root.put("seconds", JsonReport.seconds(result.seconds()));
        putCounts(root, result.totals().counts());
        JsonReport.putObjects(root, "scopes", result.scopes(), (s, r) -> {
            s.put("scope", r.scope().id());
            if (r.scope() instanceof KvNamespace ns) {
                s.put("title", ns.title());
            }
            putCounts(s, r.counts());
        });
        RefusedValueText.json(root.putArray("notWritten"), result.notWritten());
        out.println(JsonReport.compact(root));
    }

    private static void putCounts(ObjectNode n, ChangeCounts c) {
        n.put("created", c.created());
        n.put("updated", c.updated());
        n.put("deleted", c.deleted());
        n.put("unchanged", c.unchanged());
        n.put("expiredSkipped", c.expiredSkipped());
        n.put("keptCreateOnly", c.kept());
        n.put("storeOnly", c.storeOnly());
        n.put("valueBytes", c.valueBytes());
    }
}
