package dev.landfall.core.diff;

import dev.landfall.core.model.Scope;
import java.util.List;
import java.util.Objects;

/**
 * The plan of one scope.
 *
 * @param scope the scope
 * @param counts keys per kind under the plan's mode
 * @param shown the first changed keys, in key order, at most the plan's limit
 * @param expiredInStore store keys treated as absent because they had expired
 */
public record ScopePlan(Scope scope, ChangeCounts counts, List<KeyDetail> shown, long expiredInStore) {
    public ScopePlan {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(counts, "counts");
        shown = List.copyOf(shown);
    }

    /** Changed keys not shown. */
    public long notShown() {
        return counts.changes() - shown.size();
    }
}
