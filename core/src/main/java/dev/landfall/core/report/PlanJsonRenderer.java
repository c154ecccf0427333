package dev.landfall.core.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.landfall.core.diff.ChangeCounts;
import dev.landfall.core.diff.EntrySide;
import dev.landfall.core.diff.KeyDetail;
import dev.landfall.core.diff.Plan;
import dev.landfall.core.diff.ScopePlan;
import dev.landfall.core.model.DurableObject;
import dev.landfall.core.model.KvNamespace;
import java.io.IOException;
import java.io.Writer;
import java.util.Locale;

/**
 * A plan as JSON, version 1, documented in {@code docs/plan.md}: field names and meanings only
 * ever grow, so scripts can rely on them. Metadata is embedded as the JSON value it is.
 */
public final class PlanJsonRenderer {
    private static final JsonFactory JSON = JsonFactory.builder().build();

    public void render(Plan plan, Writer out) throws IOException {
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.useDefaultPrettyPrinter();
            g.writeStartObject();
            g.writeNumberField("version", 1);
            g.writeStringField("source", plan.source());
            g.writeStringField("store", plan.store());
            g.writeStringField("mode", ReportText.mode(plan.mode()));
            g.writeStringField("at", plan.at().toString());
            g.writeBooleanField("hasChanges", plan.hasChanges());
            g.writeFieldName("totals");
            counts(g, plan.totals());
            g.writeArrayFieldStart("scopes");
            for (ScopePlan s : plan.scopes()) {
                g.writeStartObject();
                g.writeStringField("scope", s.scope().id());
                if (s.scope() instanceof KvNamespace ns) {
                    g.writeStringField("kind", "kv");
                    g.writeStringField("namespaceId", ns.namespaceId());
                    g.writeStringField("title", ns.title());
                } else if (s.scope() instanceof DurableObject d) {
                    g.writeStringField("kind", "do");
                    g.writeStringField("namespaceId", d.namespaceId());
                    g.writeStringField("objectId", d.objectId());
                }
                g.writeFieldName("counts");
                counts(g, s.counts());
                g.writeNumberField("expiredInStore", s.expiredInStore());
                g.writeArrayFieldStart("changes");
                for (KeyDetail d : s.shown()) {
                    g.writeStartObject();
                    g.writeStringField("action", d.kind().name().toLowerCase(Locale.ROOT));
                    g.writeStringField("key", d.key());
                    side(g, "before", d.before());
                    side(g, "after", d.after());
                    g.writeEndObject();
                }
                g.writeEndArray();
                g.writeNumberField("changesNotShown", s.notShown());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        out.write('\n');
        out.flush();
    }

    private static void counts(JsonGenerator g, ChangeCounts c) throws IOException {
        g.writeStartObject();
        g.writeNumberField("create", c.created());
        g.writeNumberField("update", c.updated());
        g.writeNumberField("delete", c.deleted());
        g.writeNumberField("unchanged", c.unchanged());
        g.writeNumberField("expiredSkipped", c.expiredSkipped());
        g.writeNumberField("storeOnly", c.storeOnly());
        g.writeNumberField("keptCreateOnly", c.kept());
        g.writeNumberField("valueBytes", c.valueBytes());
        g.writeEndObject();
    }

    private static void side(JsonGenerator g, String name, EntrySide s) throws IOException {
        if (s == null) {
            g.writeNullField(name);
            return;
        }
        g.writeObjectFieldStart(name);
        g.writeNumberField("size", s.valueSize());
        g.writeStringField("sha256", s.valueSha256());
        g.writeFieldName("metadata");
        if (s.metadataJson() == null) {
            g.writeNull();
        } else {
            g.writeRawValue(s.metadataJson());
        }
        if (s.expiration() == null) {
            g.writeNullField("expiration");
        } else {
            g.writeNumberField("expiration", s.expiration());
        }
        g.writeEndObject();
    }
}
