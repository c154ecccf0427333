package dev.landfall.core.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.landfall.core.model.DurableObject;
import dev.landfall.core.model.KvNamespace;
import dev.landfall.core.spi.RefusedValue;
import dev.landfall.core.text.VisibleText;
import java.util.List;

/**
 * How every report names a value that was not exported: its scope, its key as a JSON literal, the
 * reason and where in the value. The same fields in every format, so an operator can find each one
 * whichever report they read.
 */
public final class RefusedValueText {
    private RefusedValueText() {}

    /** {@code do NS/OBJECT key "x:cycle": cycle at $.a}, safe to print. */
    public static String line(RefusedValue v) {
        return ScopeLabel.of(v.scope()) + " key " + Quoted.of(v.key()) + ": " + reason(v);
    }

    /** {@code cycle at $.a}, safe to print. */
    public static String reason(RefusedValue v) {
        return VisibleText.of(v.reason())
                + v.path().map(p -> " at " + VisibleText.of(p)).orElse("");
    }

    /** One object per value: scope id, namespace (and object or title), key, reason, path, description. */
    public static void json(ArrayNode list, List<RefusedValue> refused) {
        for (RefusedValue v : refused) {
            ObjectNode n = list.addObject();
            n.put("scope", v.scope().id());
            if (v.scope() instanceof DurableObject d) {
                n.put("namespace", d.namespaceId());
                n.put("object", d.objectId());
            } else if (v.scope() instanceof KvNamespace ns) {
                n.put("namespace", ns.namespaceId());
                n.put("title", ns.title());
            }
            n.put("key", v.key());
            n.put("reason", v.reason());
            v.path().ifPresent(p -> n.put("path", p));
            n.put("description", v.description());
        }
    }
}
