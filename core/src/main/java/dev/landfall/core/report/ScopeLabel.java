package dev.landfall.core.report;

import dev.landfall.core.model.DurableObject;
import dev.landfall.core.model.KvNamespace;
import dev.landfall.core.model.Scope;

/** How reports name a scope: {@code kv SESSIONS (0f2a…)} or {@code do NS/OBJECT}. */
public final class ScopeLabel {
    private ScopeLabel() {}

    public static String of(Scope scope) {
        if (scope instanceof KvNamespace ns) {
            return "kv " + ns.title() + (ns.title().equals(ns.namespaceId()) ? "" : " (" + ns.namespaceId() + ")");
        }
        DurableObject d = (DurableObject) scope;
        return "do " + d.namespaceId() + "/" + d.objectId();
    }
}
