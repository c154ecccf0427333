package dev.landfall.cloudflare.inventory;

import dev.landfall.cloudflare.api.WorkerBinding;
import dev.landfall.cloudflare.api.WorkerScript;
import dev.landfall.core.report.ByteSize;
import dev.landfall.core.text.VisibleText;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The report's sections as {@link ReportTable}s, shared by the text, Markdown and HTML renderers
 * so the three say the same thing. Text from Cloudflare (names, titles) is {@link VisibleText}, so
 * nothing in it can act on a terminal.
 */
final class InventoryTables {
    private InventoryTables() {}

    /** The lines before the sections: account, time, requests spent. */
    static List<String> preamble(InventoryReport r) {
        AccountInventory inv = r.inventory();
        List<String> out = new ArrayList<>();
        out.add("Account " + c(inv.account()) + ", scanned at " + inv.at() + ".");
        String spent = inv.requests() + " API request(s) spent";
        if (inv.keysCounted()) {
            spent += ", " + inv.countingRequests() + " of them listing keys and " + inv.samplingRequests()
                    + " sampling values for --count-keys";
        } else {
            spent += "; key counts not taken (--count-keys lists every key, one request per 1,000 keys)";
        }
        out.add(spent + ".");
        out.add(String.format(
                Locale.ROOT,
                "%d Worker script(s), %d KV namespace(s), %d Durable Object namespace(s) with %,d object(s).",
                inv.scripts().size(),
                inv.kv().size(),
                inv.durableObjects().size(),
                inv.objects()));
        return out;
    }

    static List<ReportTable> of(InventoryReport r) {
        return List.of(
                scripts(r.inventory()),
                bindings(r.inventory()),
                kv(r.inventory()),
                durableObjects(r.inventory()),
                kinds(r.inventory()),
                assessment(r.assessment()),
                estimate(r.estimate()),
                estimateInputs(r.estimate()));
    }

    private static ReportTable scripts(AccountInventory inv) {
        List<List<String>> rows = inv.scripts().stream()
                .map(s -> List.of(
                        c(s.name()),
                        s.handlers().isEmpty() ? "-" : c(String.join(", ", s.handlers())),
                        String.valueOf(s.bindings().size()),
                        s.modifiedOn().isEmpty() ? "-" : c(s.modifiedOn())))
                .toList();
        return new ReportTable(
                "scripts",
                "Worker scripts",
                List.of("script", "handlers", "bindings", "modified"),
                rows,
                false,
                List.of());
    }

    private static ReportTable bindings(AccountInventory inv) {
        Map<String, String> kvTitles =
                inv.kv().stream().collect(Collectors.toMap(KvNamespaceItem::id, KvNamespaceItem::title, (a, b) -> a));
        List<List<String>> rows = new ArrayList<>();
        for (WorkerScript s : inv.scripts()) {
            for (WorkerBinding b : s.bindings()) {
                BindingKind k = BindingKind.of(b.type());
                rows.add(List.of(
                        c(s.name()), c(b.name()), c(b.type()), refersTo(b, kvTitles), k.migrates() ? "yes" : "no"));
            }
        }
        return new ReportTable(
                "bindings",
                "Bindings",
                List.of("script", "binding", "type", "refers to", "Landfall moves"),
                rows,
                false,
                List.of("Secrets and variables are listed by name only: their values are never read."));
    }

    private static String refersTo(WorkerBinding b, Map<String, String> kvTitles) {
        if (b.references().isEmpty()) {
            return b.type().equals("secret_text") ? "(secret: name only)" : "-";
        }
        List<String> parts = new ArrayList<>();
        for (Map.Entry<String, String> e : b.references().entrySet()) {
            String v = e.getValue();
            if (e.getKey().equals("namespace_id")
                    && kvTitles.containsKey(v)
                    && b.type().equals("kv_namespace")) {
                v = v + " (" + kvTitles.get(v) + ")";
            }
            parts.add(e.getKey() + "=" + v);
        }
        return c(String.join(", ", parts));
    }

    private static ReportTable kv(AccountInventory inv) {
        List<List<String>> rows = inv.kv().stream()
                .map(ns -> List.of(
                        c(ns.title()),
                        c(ns.id()),
                        boundBy(ns.boundBy()),
                        ns.keys().map(k -> thousands(k.keys())).orElse("not counted"),
                        ns.keys().map(k -> ByteSize.format(k.keyBytes())).orElse("-"),
                        ns.keys().map(k -> ByteSize.format(k.metadataBytes())).orElse("-")))
                .toList();
        List<String> notes = new ArrayList<>();
        if (inv.keysCounted()) {
            notes.add("Counted with " + inv.countingRequests() + " key-list request(s). Value sizes are not in the"
                    + " key list; an export reads them. The values of up to 1,000 keys spread over each namespace"
                    + " were sampled with " + inv.samplingRequests() + " bulk get(s): see the estimate's inputs.");
        }
        return new ReportTable(
                "kv",
                "KV namespaces",
                List.of("title", "id", "bound by", "keys", "key names", "metadata"),
                rows,
                false,
                notes);
    }

    private static ReportTable durableObjects(AccountInventory inv) {
        List<List<String>> rows = inv.durableObjects().stream()
                .map(d -> List.of(
                        c(d.className()),
                        c(d.script()),
                        c(d.id()),
                        d.storage(),
                        thousands(d.objects()),
                        boundBy(d.boundBy())))
                .toList();
        return new ReportTable(
                "durable-objects",
                "Durable Object namespaces",
                List.of("class", "script", "id", "storage", "objects", "bound by"),
                rows,
                false,
                List.of());
    }

    private static ReportTable kinds(AccountInventory inv) {
        List<List<String>> rows = new ArrayList<>();
        for (Map.Entry<BindingKind, Integer> e : inv.bindingKinds().entrySet()) {
            BindingKind k = e.getKey();
            rows.add(List.of(
                    k == BindingKind.UNKNOWN
                            ? "other types (" + unknownTypes(inv) + ")"
                            : k.type() + " (" + k.label() + ")",
                    String.valueOf(e.getValue()),
                    k.migrates() ? "yes" : "no",
                    k.equivalent(),
                    k.how()));
        }
        return new ReportTable(
                "binding-types",
                "What each binding type becomes",
                List.of("type", "bindings", "Landfall moves", "container side", "how"),
                rows,
                true,
                List.of(InventoryReport.CACHE_NOTE));
    }

    private static String boundBy(List<String> bindings) {
        return bindings.isEmpty() ? "(unbound)" : c(String.join(", ", bindings));
    }

    private static String thousands(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    private static String unknownTypes(AccountInventory inv) {
        return c(inv.scripts().stream()
                .flatMap(s -> s.bindings().stream())
                .map(WorkerBinding::type)
                .filter(t -> BindingKind.of(t) == BindingKind.UNKNOWN)
                .distinct()
                .sorted()
                .collect(Collectors.joining(", ")));
    }

    private static ReportTable assessment(Assessment a) {
        List<List<String>> rows = a.findings().stream()
                .map(f -> List.of(f.question(), f.answerText(), f.meaning()))
                .toList();
        return new ReportTable(
                "assessment",
                "Assessment",
                List.of("question", "answer", "what it means"),
                rows,
                true,
                List.of("Verdict: " + a.verdict() + ". " + a.summary()));
    }

    private static ReportTable estimate(ExportEstimate e) {
        List<List<String>> rows = e.lines().stream()
                .map(l -> List.of(c(l.what()), thousands(l.requests()), c(l.arithmetic())))
                .toList();
        List<String> notes = new ArrayList<>();
        notes.add(e.basis());
        String total = "Total: " + e.timeArithmetic(e.requests(), e.time());
        notes.add(e.lowerBound() ? total + " at least." : total + ", plus the time the requests take.");
        notes.add("Per 1,000,000 text-valued keys: 1,000 list + 10,000 bulk get = "
                + e.timeArithmetic(11_000, e.perMillionKeys()) + ". A binary value costs one more request each.");
        if (e.doObjects() > 0) {
            notes.add(String.format(
                    Locale.ROOT,
                    "Durable Object storage (%,d object(s)) is read through the export Worker, at least one request"
                            + " per object, outside the API budget.",
                    e.doObjects()));
        }
        return new ReportTable(
                "estimate",
                "Export time estimate under the API budget (" + e.budget() + ")",
                List.of("what", "requests", "arithmetic"),
                rows,
                false,
                notes);
    }

    /** What the estimate rests on, so a reader can redo it or see where it may be off. */
    private static ReportTable estimateInputs(ExportEstimate e) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("API budget", e.budget() + " (--api-budget)"));
        rows.add(List.of("keys per list request", thousands(ExportEstimate.KEYS_PER_LIST)));
        rows.add(List.of("keys per bulk get", String.valueOf(ExportEstimate.KEYS_PER_BULK_GET)));
        rows.add(List.of(
                "requests per binary value",
                ExportEstimate.REQUESTS_PER_BINARY_VALUE + " single read, besides its share of a bulk get"));
        for (KvNamespaceItem ns : e.namespaces()) {
            rows.add(List.of(c("kv " + ns.title()), keysAndSample(ns)));
        }
        return new ReportTable(
                "estimate-inputs", "Inputs of the export estimate", List.of("input", "value"), rows, false, List.of());
    }

    private static String keysAndSample(KvNamespaceItem ns) {
        if (ns.keys().isEmpty()) {
            return "keys not counted; values not sampled (text assumed)";
        }
        String keys = String.format(Locale.ROOT, "%,d keys", ns.keys().get().keys());
        if (ns.sample().isEmpty()) {
            return keys + "; no values to sample";
        }
        ValueSample s = ns.sample().get();
        if (!s.usable()) {
            return keys + "; values not sampled (text assumed): "
                    + (s.failure() == null ? "every sampled key was gone" : s.failure());
        }
        return keys
                + String.format(
                        Locale.ROOT,
                        s.everyKey()
                                ? "; every value sampled (%,d): %,d binary (%.1f%%)"
                                : "; %,d values sampled, spread over the keys: %,d binary (%.1f%%)",
                        s.values(),
                        s.readAlone(),
                        100 * s.share());
    }

    /** Text from Cloudflare, made {@link VisibleText}. */
    private static String c(String s) {
        return VisibleText.of(s);
    }
}
