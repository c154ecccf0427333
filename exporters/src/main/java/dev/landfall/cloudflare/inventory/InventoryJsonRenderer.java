package dev.landfall.cloudflare.inventory;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.landfall.cloudflare.api.WorkerBinding;
import dev.landfall.cloudflare.api.WorkerScript;
import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Map;

/**
 * An inventory as one JSON document, version {@value InventoryReport#VERSION}, documented in
 * {@code docs/inventory.md}: field names and meanings only ever grow, so scripts can rely on them.
 */
public final class InventoryJsonRenderer {
    private static final JsonFactory JSON = JsonFactory.builder().build();

    public void render(InventoryReport report, Writer out) throws IOException {
        AccountInventory inv = report.inventory();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.useDefaultPrettyPrinter();
            g.writeStartObject();
            g.writeNumberField("version", InventoryReport.VERSION);
            g.writeStringField("account", inv.account());
            g.writeStringField("at", inv.at().toString());
            g.writeBooleanField("keysCounted", inv.keysCounted());
            g.writeObjectFieldStart("requests");
            g.writeNumberField("total", inv.requests());
            g.writeNumberField("countKeys", inv.countingRequests());
            g.writeEndObject();
            scripts(g, inv.scripts());
            kv(g, inv.kv());
            durableObjects(g, inv.durableObjects());
            kinds(g, inv.bindingKinds());
            assessment(g, report.assessment());
            estimate(g, report.estimate());
            g.writeEndObject();
        }
        out.write('\n');
        out.flush();
    }

    private static void scripts(JsonGenerator g, List<WorkerScript> scripts) throws IOException {
        g.writeArrayFieldStart("scripts");
        for (WorkerScript s : scripts) {
            g.writeStartObject();
            g.writeStringField("name", s.name());
            strings(g, "handlers", s.handlers());
            g.writeStringField("modifiedOn", s.modifiedOn());
            g.writeArrayFieldStart("bindings");
            for (WorkerBinding b : s.bindings()) {
                BindingKind k = BindingKind.of(b.type());
                g.writeStartObject();
                g.writeStringField("name", b.name());
                g.writeStringField("type", b.type());
                g.writeObjectFieldStart("references");
                for (String f : WorkerBinding.REFERENCE_FIELDS) {
                    if (b.references().containsKey(f)) {
                        g.writeStringField(f, b.references().get(f));
                    }
                }
                g.writeEndObject();
                g.writeBooleanField("landfallMigrates", k.migrates());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private static void kv(JsonGenerator g, List<KvNamespaceItem> kv) throws IOException {
        g.writeArrayFieldStart("kvNamespaces");
        for (KvNamespaceItem ns : kv) {
            g.writeStartObject();
            g.writeStringField("id", ns.id());
            g.writeStringField("title", ns.title());
            strings(g, "boundBy", ns.boundBy());
            if (ns.keys().isEmpty()) {
                g.writeNullField("keys");
            } else {
                KeyCount k = ns.keys().get();
                g.writeObjectFieldStart("keys");
                g.writeNumberField("count", k.keys());
                g.writeNumberField("keyBytes", k.keyBytes());
                g.writeNumberField("metadataBytes", k.metadataBytes());
                g.writeNumberField("withExpiration", k.withExpiration());
                g.writeNumberField("listRequests", k.listRequests());
                g.writeEndObject();
            }
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private static void durableObjects(JsonGenerator g, List<DoNamespaceItem> dos) throws IOException {
        g.writeArrayFieldStart("durableObjectNamespaces");
        for (DoNamespaceItem d : dos) {
            g.writeStartObject();
            g.writeStringField("id", d.id());
            g.writeStringField("class", d.className());
            g.writeStringField("script", d.script());
            g.writeStringField("storage", d.storage());
            g.writeNumberField("objects", d.objects());
            g.writeNumberField("withStoredData", d.withStoredData());
            g.writeNumberField("listRequests", d.listRequests());
            strings(g, "boundBy", d.boundBy());
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private static void kinds(JsonGenerator g, Map<BindingKind, Integer> kinds) throws IOException {
        g.writeArrayFieldStart("bindingTypes");
        for (Map.Entry<BindingKind, Integer> e : kinds.entrySet()) {
            BindingKind k = e.getKey();
            g.writeStartObject();
            g.writeStringField("type", k == BindingKind.UNKNOWN ? "unknown" : k.type());
            g.writeStringField("label", k.label());
            g.writeNumberField("bindings", e.getValue());
            g.writeBooleanField("landfallMigrates", k.migrates());
            g.writeBooleanField("vendorSpecific", k.vendorSpecific());
            g.writeStringField("containerSide", k.equivalent());
            g.writeStringField("how", k.how());
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private static void assessment(JsonGenerator g, Assessment a) throws IOException {
        g.writeObjectFieldStart("assessment");
        g.writeStringField("verdict", a.verdict());
        g.writeStringField("summary", a.summary());
        strings(g, "unanswered", a.unanswered());
        g.writeArrayFieldStart("findings");
        for (Finding f : a.findings()) {
            g.writeStartObject();
            g.writeStringField("key", f.key());
            g.writeStringField("question", f.question());
            if (f.answer().isPresent()) {
                g.writeStringField("answer", f.answer().get());
            } else {
                g.writeNullField("answer");
            }
            g.writeStringField("meaning", f.meaning());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void estimate(JsonGenerator g, ExportEstimate e) throws IOException {
        g.writeObjectFieldStart("exportEstimate");
        g.writeStringField("budget", e.budget());
        g.writeBooleanField("keyCountsKnown", e.keyCountsKnown());
        g.writeNumberField("requests", e.requests());
        g.writeNumberField("seconds", e.time().toSeconds());
        g.writeNumberField("perMillionKeysSeconds", e.perMillionKeys().toSeconds());
        g.writeNumberField("durableObjects", e.doObjects());
        g.writeArrayFieldStart("lines");
        for (EstimateLine l : e.lines()) {
            g.writeStartObject();
            g.writeStringField("what", l.what());
            g.writeNumberField("requests", l.requests());
            g.writeStringField("arithmetic", l.arithmetic());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void strings(JsonGenerator g, String name, List<String> values) throws IOException {
        g.writeArrayFieldStart(name);
        for (String v : values) {
            g.writeString(v);
        }
        g.writeEndArray();
    }
}
