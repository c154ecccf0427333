package dev.landfall.core.diff;

import dev.landfall.core.spi.WriteMode;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What bringing a store in line with a source would change, scope by scope; nothing is written to
 * make one.
 *
 * @param source the source, described (secrets masked)
 * @param store the store, described (secrets masked)
 * @param mode the write mode the plan is for
 * @param at when expiry was judged
 * @param scopes one plan per scope, in the source's order
 */
public record Plan(String source, String store, WriteMode mode, Instant at, List<ScopePlan> scopes) {
    public Plan {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(at, "at");
        scopes = List.copyOf(scopes);
    }

    /** The counts of every scope added up. */
    public ChangeCounts totals() {
        ChangeCounts t = ChangeCounts.ZERO;
        for (ScopePlan s : scopes) {
            t = t.plus(s.counts());
        }
        return t;
    }

    /** Whether applying the plan would change the store. */
    public boolean hasChanges() {
        return totals().changes() > 0;
    }
}
