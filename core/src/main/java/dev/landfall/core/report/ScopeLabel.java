package dev.landfall.core.report;

import dev.landfall.core.model.DurableObject;
import dev.landfall.core.model.KvNamespace;
import dev.landfall.core.model.Scope;
import dev.landfall.core.text.VisibleText;

/**
 * How reports name a scope: {@code kv SESSIONS (0f2a…)} or {@code do NS/OBJECT}. Titles and ids
 * come from the account or a bundle, so they are {@link VisibleText}.
 */
public final class ScopeLabel {
    private ScopeLabel() {}

    public static String of(Scope scope) {
        if (scope instanceof KvNamespace ns) {
            String title = VisibleText.of(ns.title());
            return "kv " + title
                    + (ns.title().equals(ns.namespaceId()) ? "" : " (" + VisibleText.of(ns.namespaceId()) + ")");
        }
        DurableObject d = (DurableObject) scope;
        return "do " + VisibleText.of(d.namespaceId()) + "/" + VisibleText.of(d.objectId());
    }
}
