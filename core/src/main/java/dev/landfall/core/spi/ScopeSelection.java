package dev.landfall.core.spi;

import dev.landfall.core.error.LandfallException;
import dev.landfall.core.model.DurableObject;
import dev.landfall.core.model.KvNamespace;
import dev.landfall.core.model.Scope;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The scopes {@code --kv} and {@code --do} pick from a source: a KV namespace by id or title, a
 * Durable Object namespace by id (all its objects). With neither flag, every scope. A name that
 * matches nothing is an error that lists what the source holds, so a typo never silently imports
 * nothing.
 */
public final class ScopeSelection implements Predicate<Scope> {
    private static final int LISTED = 12;

    private final List<String> kv;
    private final List<String> durableObjects;

    public ScopeSelection(List<String> kv, List<String> durableObjects) {
        this.kv = List.copyOf(kv);
        this.durableObjects = List.copyOf(durableObjects);
    }

    /**
     * The selection for an opened source: a source that applied the scope options itself ({@link
     * ScopeSelecting}, an account or a wrangler file) needs none further; any other selects by them.
     */
    public static ScopeSelection forSource(Source source, SourceOptions options) {
        return source instanceof ScopeSelecting ? all() : new ScopeSelection(options.kv(), options.durableObjects());
    }

    /** Every scope. */
    public static ScopeSelection all() {
        return new ScopeSelection(List.of(), List.of());
    }

    @Override
    public boolean test(Scope scope) {
        if (kv.isEmpty() && durableObjects.isEmpty()) {
            return true;
        }
        if (scope instanceof KvNamespace ns) {
            return kv.contains(ns.namespaceId()) || kv.contains(ns.title());
        }
        return scope instanceof DurableObject d && durableObjects.contains(d.namespaceId());
    }

    /**
     * Checks that every name matches a scope of the source, reading its scope list once (which
     * also makes a source that cannot be read fail here, before anything is written).
     */
    public void checkAgainst(Source source) throws IOException {
        Set<String> unmatchedKv = new LinkedHashSet<>(kv);
        Set<String> unmatchedDo = new LinkedHashSet<>(durableObjects);
        List<String> held = new ArrayList<>();
        try (Cursor<Scope> scopes = source.scopes()) {
            while (scopes.next()) {
                Scope s = scopes.current();
                if (s instanceof KvNamespace ns) {
                    unmatchedKv.remove(ns.namespaceId());
                    unmatchedKv.remove(ns.title());
                    if (held.size() < LISTED) {
                        held.add("--kv " + ns.title() + " (" + ns.namespaceId() + ")");
                    }
                } else if (s instanceof DurableObject d) {
                    unmatchedDo.remove(d.namespaceId());
                    String line = "--do " + d.namespaceId();
                    if (held.size() < LISTED && !held.contains(line)) {
                        held.add(line);
                    }
                }
            }
        }
        List<String> missing = new ArrayList<>();
        unmatchedKv.forEach(n -> missing.add("--kv " + n));
        unmatchedDo.forEach(n -> missing.add("--do " + n));
        if (!missing.isEmpty()) {
            throw LandfallException.usage(
                    String.join(", ", missing) + ": not in " + source.describe(),
                    held.isEmpty()
                            ? "the source holds no scopes at all"
                            : "it holds: " + String.join(", ", held) + (held.size() == LISTED ? ", …" : ""));
        }
    }
}
