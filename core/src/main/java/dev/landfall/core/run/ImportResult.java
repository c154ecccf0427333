package dev.landfall.core.run;

import dev.landfall.core.copy.CopyTotals;
import dev.landfall.core.copy.ScopeCopyResult;
import java.util.List;

/**
 * What an import did.
 *
 * @param totals every scope of the run
 * @param scopes each scope imported, in order
 * @param seconds how long it took
 */
public record ImportResult(CopyTotals totals, List<ScopeCopyResult> scopes, double seconds) {
    public ImportResult {
        scopes = List.copyOf(scopes);
    }
}
