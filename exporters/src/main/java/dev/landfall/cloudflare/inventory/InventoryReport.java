package dev.landfall.cloudflare.inventory;

import dev.landfall.core.report.JsonReport;
import java.util.Objects;

/**
 * What every inventory format renders: the account's map, the assessment and the export estimate.
 *
 * @param inventory what the account holds
 * @param assessment the five questions and the verdict
 * @param estimate export time under the API budget
 */
public record InventoryReport(AccountInventory inventory, Assessment assessment, ExportEstimate estimate) {
    /** The JSON document's version ({@code docs/json.md}): that of every Landfall document. */
    public static final int VERSION = JsonReport.VERSION;

    /** The Cache API is no binding, so no scan can see it; every format says so once. */
    public static final String CACHE_NOTE = "The Cache API (caches.default) is not a binding and does not show"
            + " here: on the container side an in-process cache (and Redis for a shared one) takes its place,"
            + " and nothing moves, since caches refill.";

    public InventoryReport {
        Objects.requireNonNull(inventory, "inventory");
        Objects.requireNonNull(assessment, "assessment");
        Objects.requireNonNull(estimate, "estimate");
    }
}
