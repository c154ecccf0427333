package dev.landfall.cli.render;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.landfall.core.report.ByteSize;
import dev.landfall.core.report.JsonReport;
import dev.landfall.core.report.LeftBehindText;
import dev.landfall.core.report.RefusedValueText;
import dev.landfall.core.run.ExportResult;
import dev.landfall.core.spi.LeftBehind;
import dev.landfall.core.spi.RefusedValue;
import dev.landfall.core.text.VisibleText;
import dev.landfall.core.time.RequestBudget;
import java.io.PrintStream;
import java.util.Locale;

/**
 * What {@code landfall export} prints at the end: a few lines of text, or one JSON document.
 *
 * @param result what the export did
 * @param budget the API budget it ran within
 * @param durable whether Durable Objects were asked for ({@code --do})
 * @param acceptsLoss whether {@code --accept-unencodable} lets values the Worker cannot encode be left out
 */
public record ExportSummary(ExportResult result, RequestBudget budget, boolean durable, boolean acceptsLoss)
        implements Summary {
    @Override
    public void text(PrintStream out) {
        var totals = result.totals();
        out.printf(
                Locale.ROOT,
                "Exported %d keys (%s) from %d %s%s to bundle:%s in %.1f s%n",
                totals.counts().created(),
                ByteSize.format(totals.counts().valueBytes()),
                totals.scopes(),
                durable ? "scope" : "namespace",
                totals.scopes() == 1 ? "" : "s",
                VisibleText.of(result.bundle().toString()),
                result.seconds());
        for (ExportResult.Namespace n : result.namespaces()) {
            long expired = n.expired();
            long vanished = n.expiry().vanished();
            out.printf(
                    Locale.ROOT,
                    "  kv %s (%s): %d keys, %s%s%s%n",
                    VisibleText.of(n.namespace().title()),
                    VisibleText.of(n.namespace().namespaceId()),
                    n.result().counts().created(),
                    ByteSize.format(n.result().counts().valueBytes()),
                    expired > 0 ? ", " + expired + " expired before export (skipped)" : "",
                    vanished > 0 ? ", " + vanished + " deleted or expired while exporting" : "");
        }
        ExportResult.DurableObjects d = result.durableObjects();
        if (durable) {
            out.printf(
                    Locale.ROOT,
                    "  durable objects: %d objects, %d entries%s%s%n",
                    d.objects(),
                    d.entries(),
                    d.sqlScopes() > 0
                            ? ", SQL tables of " + d.sqlScopes() + " objects (" + d.sqlEntries() + " entries)"
                            : "",
                    result.refused().isEmpty() ? "" : ", " + result.refused().size() + " value(s) NOT EXPORTED");
        }
        if (!result.refused().isEmpty()) {
            out.println("  not exported (the export Worker cannot encode them):");
            for (RefusedValue r : result.refused()) {
                out.println("    " + RefusedValueText.line(r));
            }
        }
        for (LeftBehind l : result.leftBehind()) {
            out.println("  left behind: " + LeftBehindText.line(l, "exported"));
        }
        if (totals.skippedScopes() > 0) {
            out.printf("  %d scope(s) finished by an earlier run%n", totals.skippedScopes());
        }
        out.printf(
                Locale.ROOT,
                "API: %d requests within %s, %d rate-limited (429), %d retried%n",
                result.api().requests(),
                budget.spec(),
                result.api().rateLimited(),
                result.api().retries());
    }

    @Override
    public void json(PrintStream out) {
        ObjectNode root = JsonReport.newDocument();
        root.put("bundle", result.bundle().toString());
        result.accountId().ifPresent(a -> root.put("account", a));
        root.put("seconds", JsonReport.seconds(result.seconds()));
        root.put("keys", result.totals().counts().created());
        root.put("valueBytes", result.totals().counts().valueBytes());
        // Named when every scope was a namespace; they count every scope (Durable Objects too).
        root.put("namespacesExported", result.totals().scopes());
        root.put("namespacesAlreadyDone", result.totals().skippedScopes());
        ArrayNode list = root.putArray("namespaces");
        for (ExportResult.Namespace n : result.namespaces()) {
            ObjectNode o = list.addObject();
            o.put("id", n.namespace().namespaceId());
            o.put("title", n.namespace().title());
            o.put("keys", n.result().counts().created());
            o.put("valueBytes", n.result().counts().valueBytes());
            o.put("expired", n.expired());
            o.put("vanished", n.expiry().vanished());
            o.put("resumed", n.result().resumed());
        }
        ExportResult.DurableObjects d = result.durableObjects();
        if (durable) {
            ObjectNode o = root.putObject("durableObjects");
            o.put("objects", d.objects());
            o.put("entries", d.entries());
            o.put("sqlScopes", d.sqlScopes());
            o.put("sqlEntries", d.sqlEntries());
            RefusedValueText.json(o.putArray("unencodable"), result.refused());
            o.put("unencodableAccepted", acceptsLoss);
        }
        LeftBehindText.json(root.putArray("leftBehind"), result.leftBehind());
        ObjectNode a = root.putObject("api");
        a.put("budget", budget.spec());
        a.put("requests", result.api().requests());
        a.put("rateLimited", result.api().rateLimited());
        a.put("retries", result.api().retries());
        out.println(JsonReport.compact(root));
    }
}
