package dev.landfall.core.report;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import dev.landfall.core.diff.ChangeCounts;
import dev.landfall.core.diff.EntrySide;
import dev.landfall.core.diff.Plan;
import dev.landfall.core.diff.ScopePlan;
import dev.landfall.core.text.JsonEscapes;
import java.util.Locale;
import java.util.Optional;

/**
 * A plan as a {@link JsonReport} document, documented in {@code docs/plan.md}. Metadata is
 * embedded as the JSON value it is.
 */
public final class PlanJsonRenderer implements JsonReportRenderer<Plan> {
    @Override
    public ObjectNode document(Plan plan) {
        ObjectNode root = JsonReport.newDocument();
        root.put("source", plan.source());
        root.put("store", plan.store());
        root.put("mode", ReportText.mode(plan.mode()));
        root.put("at", plan.at().toString());
        root.put("hasChanges", plan.hasChanges());
        counts(root.putObject("totals"), plan.totals());
        JsonReport.putObjects(root, "scopes", plan.scopes(), PlanJsonRenderer::scope);
        return root;
    }

    private static void scope(ObjectNode scope, ScopePlan s) {
        scope.put("scope", s.scope().id());
        s.scope().fields().forEach(field -> scope.put(field.getKey(), field.getValue()));
        counts(scope.putObject("counts"), s.counts());
        scope.put("expiredInStore", s.expiredInStore());
        JsonReport.putObjects(scope, "changes", s.shown(), (change, d) -> {
            change.put("action", d.kind().name().toLowerCase(Locale.ROOT));
            change.put("key", d.key());
            JsonReport.putObjectOrNull(change, "before", Optional.ofNullable(d.before()), PlanJsonRenderer::side);
            JsonReport.putObjectOrNull(change, "after", Optional.ofNullable(d.after()), PlanJsonRenderer::side);
        });
        scope.put("changesNotShown", s.notShown());
    }

    private static void counts(ObjectNode o, ChangeCounts c) {
        o.put("create", c.created());
        o.put("update", c.updated());
        o.put("delete", c.deleted());
        o.put("unchanged", c.unchanged());
        o.put("expiredSkipped", c.expiredSkipped());
        o.put("storeOnly", c.storeOnly());
        o.put("keptCreateOnly", c.kept());
        o.put("valueBytes", c.valueBytes());
    }

    private static void side(ObjectNode o, EntrySide s) {
        o.put("size", s.valueSize());
        o.put("sha256", s.valueSha256());
        if (s.metadataJson() == null) {
            o.putNull("metadata");
        } else {
            o.putRawValue("metadata", new RawValue(JsonEscapes.rawJson(s.metadataJson())));
        }
        o.put("expiration", s.expiration());
    }
}
