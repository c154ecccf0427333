package dev.landfall.cloudflare.inventory;

import dev.landfall.cloudflare.api.CloudflareClient;
import dev.landfall.cloudflare.api.CloudflareClientOptions;
import dev.landfall.cloudflare.api.CloudflareEndpoint;
import dev.landfall.core.error.LandfallException;
import dev.landfall.core.time.RequestBudget;
import java.io.IOException;
import java.time.Clock;
import java.util.Objects;

/**
 * {@code landfall inventory} as a library: scans the account within the request budget, assesses
 * the move from the answers and estimates the export time, into one {@link InventoryReport}. Reads
 * only. Blocks on the calling thread.
 */
public final class Inventory {
    private final Clock clock;

    /**
     * What to take an inventory of.
     *
     * @param endpoint the account and its credentials
     * @param budget the API budget to stay under, also the one the estimate uses
     * @param countKeys also list every key of every KV namespace (one request per 1,000 keys)
     * @param answers the operator's answers for the assessment
     */
    public record Options(CloudflareEndpoint endpoint, RequestBudget budget, boolean countKeys, Answers answers) {
        public Options {
            Objects.requireNonNull(endpoint, "endpoint");
            Objects.requireNonNull(budget, "budget");
            Objects.requireNonNull(answers, "answers");
        }
    }

    /** Progress of a scan, on the calling thread. */
    public interface Listener {
        /** A phase or count, or a long wait for the API budget, for the operator. */
        default void progress(String line) {}

        /** Whether to hear of every HTTP request ({@code --verbose}). */
        default boolean tracing() {
            return false;
        }

        /** One HTTP request, secrets masked; called only when {@link #tracing()}. */
        default void trace(String line) {}
    }

    public Inventory(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Scans, assesses and estimates.
     *
     * @throws LandfallException REJECTED for credentials or permissions, TRANSIENT when the scan
     *     stopped on a transport error (nothing was written; a rerun may succeed)
     */
    public InventoryReport run(Options options, Listener listener) {
        // The scan is one thread, so the client's notes (a long wait for the budget) come on it too.
        CloudflareClientOptions.Builder builder =
                CloudflareClientOptions.builder().budget(options.budget()).notes(listener::progress);
        if (listener.tracing()) {
            builder.trace(listener::trace);
        }
        CloudflareClientOptions client = builder.build();
        AccountInventory inventory;
        try (CloudflareClient c = new CloudflareClient(options.endpoint(), client)) {
            inventory = new InventoryScanner(c, clock, listener::progress).scan(options.countKeys());
        } catch (LandfallException e) {
            throw e;
        } catch (IOException e) {
            throw LandfallException.stopped("inventory", e, "nothing was written; run it again");
        }
        return new InventoryReport(
                inventory,
                Assessor.assess(inventory, options.answers()),
                ExportEstimate.of(inventory, options.budget()));
    }
}
