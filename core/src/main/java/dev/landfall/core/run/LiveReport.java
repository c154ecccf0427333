package dev.landfall.core.run;

import dev.landfall.core.diff.ScopeVerification;
import java.util.List;

/**
 * How a {@link LiveMigration} ended.
 *
 * @param loaded the full load's report, or null when an earlier invocation made it
 * @param followed how following ended, or null when the full load did not verify and following never began
 * @param verified after draining, each scope of the store against a fresh read of the source; empty otherwise
 */
public record LiveReport(MigrationReport loaded, FollowResult followed, List<ScopeVerification> verified) {
    public LiveReport {
        verified = List.copyOf(verified);
    }

    /** Whether the run ended well: the load verified and, after draining, the store equals the source. */
    public boolean equal() {
        return (loaded == null || loaded.equal()) && verified.stream().allMatch(ScopeVerification::equal);
    }
}
