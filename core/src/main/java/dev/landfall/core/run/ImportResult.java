package dev.landfall.core.run;

import dev.landfall.core.copy.CopyTotals;
import dev.landfall.core.copy.ScopeCopyResult;
import dev.landfall.core.spi.RefusedValue;
import java.util.List;

/**
 * What an import did.
 *
 * @param totals every scope of the run
 * @param scopes each scope imported, in order
 * @param seconds how long it took
 * @param notWritten entries the store refused and skipped (Workers KV: an expiration too close),
 *     each named
 */
public record ImportResult(
        CopyTotals totals, List<ScopeCopyResult> scopes, double seconds, List<RefusedValue> notWritten) {
    public ImportResult {
        scopes = List.copyOf(scopes);
        notWritten = List.copyOf(notWritten);
    }
}
