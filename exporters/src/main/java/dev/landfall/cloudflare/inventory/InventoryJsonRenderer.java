package dev.landfall.cloudflare.inventory;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.landfall.cloudflare.api.WorkerBinding;
import dev.landfall.cloudflare.api.WorkerScript;
import dev.landfall.core.report.JsonReport;
import dev.landfall.core.report.JsonReportRenderer;
import java.util.Map;

/**
 * An inventory as a {@link JsonReport} document, documented in {@code docs/inventory.md}. The keys
 * of a binding's {@code references} are Cloudflare's own field names ({@code namespace_id}), kept
 * as sent so they can be looked up in Cloudflare's API; every other name is camelCase.
 */
public final class InventoryJsonRenderer implements JsonReportRenderer<InventoryReport> {
    @Override
    public ObjectNode document(InventoryReport report) {
        AccountInventory inv = report.inventory();
        ObjectNode root = JsonReport.newDocument();
        root.put("account", inv.account());
        root.put("at", inv.at().toString());
        root.put("keysCounted", inv.keysCounted());
        ObjectNode requests = root.putObject("requests");
        requests.put("total", inv.requests());
        requests.put("countKeys", inv.countingRequests());
        requests.put("sampleValues", inv.samplingRequests());
        JsonReport.putObjects(root, "scripts", inv.scripts(), InventoryJsonRenderer::script);
        JsonReport.putObjects(root, "kvNamespaces", inv.kv(), InventoryJsonRenderer::kv);
        JsonReport.putObjects(
                root, "durableObjectNamespaces", inv.durableObjects(), InventoryJsonRenderer::durableObject);
        JsonReport.putObjects(root, "bindingTypes", inv.bindingKinds().entrySet(), InventoryJsonRenderer::kind);
        assessment(root.putObject("assessment"), report.assessment());
        estimate(root.putObject("exportEstimate"), report.estimate());
        return root;
    }

    private static void script(ObjectNode script, WorkerScript s) {
        script.put("name", s.name());
        JsonReport.putStrings(script, "handlers", s.handlers());
        script.put("modifiedOn", s.modifiedOn());
        JsonReport.putObjects(script, "bindings", s.bindings(), (binding, b) -> {
            binding.put("name", b.name());
            binding.put("type", b.type());
            ObjectNode references = binding.putObject("references");
            for (String f : WorkerBinding.REFERENCE_FIELDS) {
                if (b.references().containsKey(f)) {
                    references.put(f, b.references().get(f));
                }
            }
            binding.put("landfallMigrates", BindingKind.of(b.type()).migrates());
        });
    }

    private static void kv(ObjectNode o, KvNamespaceItem ns) {
        o.put("id", ns.id());
        o.put("title", ns.title());
        JsonReport.putStrings(o, "boundBy", ns.boundBy());
        JsonReport.putObjectOrNull(o, "keys", ns.keys(), (keys, k) -> {
            keys.put("count", k.keys());
            keys.put("keyBytes", k.keyBytes());
            keys.put("metadataBytes", k.metadataBytes());
            keys.put("withExpiration", k.withExpiration());
            keys.put("listRequests", k.listRequests());
        });
    }

    private static void durableObject(ObjectNode o, DoNamespaceItem d) {
        o.put("id", d.id());
        o.put("class", d.className());
        o.put("script", d.script());
        o.put("storage", d.storage());
        o.put("objects", d.objects());
        o.put("withStoredData", d.withStoredData());
        o.put("listRequests", d.listRequests());
        JsonReport.putStrings(o, "boundBy", d.boundBy());
    }

    private static void kind(ObjectNode o, Map.Entry<BindingKind, Integer> e) {
        BindingKind k = e.getKey();
        o.put("type", k == BindingKind.UNKNOWN ? "unknown" : k.type());
        o.put("label", k.label());
        o.put("bindings", e.getValue());
        o.put("landfallMigrates", k.migrates());
        o.put("vendorSpecific", k.vendorSpecific());
        o.put("containerSide", k.equivalent());
        o.put("how", k.how());
    }

    private static void assessment(ObjectNode o, Assessment a) {
        o.put("verdict", a.verdict());
        o.put("summary", a.summary());
        JsonReport.putStrings(o, "unanswered", a.unanswered());
        JsonReport.putObjects(o, "findings", a.findings(), (finding, f) -> {
            finding.put("key", f.key());
            finding.put("question", f.question());
            finding.put("answer", f.answer().orElse(null));
            finding.put("meaning", f.meaning());
        });
    }

    private static void estimate(ObjectNode o, ExportEstimate e) {
        o.put("kind", e.lowerBound() ? "lowerBound" : "estimate");
        o.put("basis", e.basis());
        o.put("budget", e.budget());
        o.put("keyCountsKnown", e.keyCountsKnown());
        o.put("valuesSampled", e.valuesSampled());
        o.put("requests", e.requests());
        o.put("seconds", e.time().toSeconds());
        o.put("perMillionKeysSeconds", e.perMillionKeys().toSeconds());
        o.put("durableObjects", e.doObjects());
        ObjectNode inputs = o.putObject("inputs");
        inputs.put("budget", e.budget());
        inputs.put("keysPerListRequest", ExportEstimate.KEYS_PER_LIST);
        inputs.put("keysPerBulkGet", ExportEstimate.KEYS_PER_BULK_GET);
        inputs.put("requestsPerBinaryValue", ExportEstimate.REQUESTS_PER_BINARY_VALUE);
        JsonReport.putObjects(inputs, "kvNamespaces", e.namespaces(), (n, ns) -> {
            n.put("title", ns.title());
            n.put("keys", ns.keys().map(KeyCount::keys).orElse(null));
            JsonReport.putObjectOrNull(n, "sample", ns.sample(), (sample, s) -> {
                sample.put("asked", s.asked());
                sample.put("everyKey", s.everyKey());
                sample.put("values", s.values());
                sample.put("binary", s.readAlone());
                sample.put("binaryShare", s.usable() ? s.share() : null);
                sample.put("failure", s.failure());
            });
        });
        JsonReport.putObjects(o, "lines", e.lines(), (line, l) -> {
            line.put("what", l.what());
            line.put("requests", l.requests());
            line.put("arithmetic", l.arithmetic());
        });
    }
}
