package dev.landfall.core.run;

import dev.landfall.core.copy.CopyTotals;
import dev.landfall.core.copy.ScopeCopyResult;
import dev.landfall.core.model.KvNamespace;
import dev.landfall.core.spi.ApiUsage;
import dev.landfall.core.spi.ExpiryCounts;
import dev.landfall.core.spi.RefusedValue;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What an export did: the totals, a line per KV namespace, one sum for all Durable Objects
 * (however many), the values it could not carry, and what it spent of the API budget.
 *
 * @param bundle the bundle written
 * @param accountId the account exported, if the source is one
 * @param totals every scope of this run
 * @param namespaces each KV namespace exported in this run
 * @param durableObjects all Durable Object scopes of this run
 * @param refused values not exported (by key), never silently dropped: those of earlier runs of a
 *     resumed export too
 * @param leftBehind scopes the source holds that this export did not take (an account's Durable
 *     Object namespaces without {@code --do}), each listed in every summary
 * @param api what the source spent of its API
 * @param seconds how long the export took
 */
public record ExportResult(
        Path bundle,
        Optional<String> accountId,
        CopyTotals totals,
        List<Namespace> namespaces,
        DurableObjects durableObjects,
        List<RefusedValue> refused,
        List<dev.landfall.core.spi.LeftBehind> leftBehind,
        ApiUsage api,
        double seconds) {
    public ExportResult {
        namespaces = List.copyOf(namespaces);
        refused = List.copyOf(refused);
        leftBehind = List.copyOf(leftBehind);
    }

    /**
     * One KV namespace.
     *
     * @param namespace the namespace
     * @param result what its copy did
     * @param expiry keys that expired before, or vanished during, the export
     */
    public record Namespace(KvNamespace namespace, ScopeCopyResult result, ExpiryCounts expiry) {
        /** Keys not exported because they had expired, whenever the source noticed. */
        public long expired() {
            return result.counts().expiredSkipped() + expiry.expired();
        }
    }

    /**
     * Durable Object totals.
     *
     * @param objects objects whose key-value storage was exported
     * @param entries their entries
     * @param sqlScopes objects whose SQL tables were exported
     * @param sqlEntries their schema entries and rows
     */
    public record DurableObjects(long objects, long entries, long sqlScopes, long sqlEntries) {
        /** None. */
        public static final DurableObjects NONE = new DurableObjects(0, 0, 0, 0);

        DurableObjects plus(boolean sql, long scopeEntries) {
            return sql
                    ? new DurableObjects(objects, entries, sqlScopes + 1, sqlEntries + scopeEntries)
                    : new DurableObjects(objects + 1, entries + scopeEntries, sqlScopes, sqlEntries);
        }
    }
}
