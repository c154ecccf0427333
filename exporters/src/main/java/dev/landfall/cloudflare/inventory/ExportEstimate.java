package dev.landfall.cloudflare.inventory;

import dev.landfall.core.report.DurationLabel;
import dev.landfall.core.time.DurationText;
import dev.landfall.core.time.RequestBudget;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * How long exporting the account's KV data takes under the API budget, with the arithmetic shown.
 *
 * <p>The rules (cloudflare-api.md §2, §6): keys are listed 1,000 a request and text values read
 * 100 a bulk get, so a namespace of N keys costs ⌈N/1000⌉ (at least 1) + ⌈N/100⌉ requests; the
 * namespace list costs ⌈namespaces/100⌉. The client's limiter sends a window's worth at once and
 * then waits for the window to slide, so R requests under N/W take (⌈R/N⌉ − 1) × W, plus the time
 * the requests themselves take. Without key counts the lines are lower bounds and a per-million
 * figure is given instead. Durable Object storage goes through the export Worker, outside the REST
 * budget; only listing its objects costs API requests.
 *
 * @param budget the budget, as {@code --api-budget} writes it
 * @param keyCountsKnown whether {@code --count-keys} gave every namespace's key count
 * @param lines the arithmetic, one line per cost
 * @param requests the total API requests (a lower bound when key counts are unknown)
 * @param time the time the budget needs for them
 * @param perMillionKeys the time 1,000,000 text-valued keys take under the budget
 * @param doObjects Durable Objects whose storage the export Worker reads, one or more requests each
 */
public record ExportEstimate(
        String budget,
        boolean keyCountsKnown,
        List<EstimateLine> lines,
        long requests,
        Duration time,
        Duration perMillionKeys,
        long doObjects) {
    public ExportEstimate {
        Objects.requireNonNull(budget, "budget");
        lines = List.copyOf(lines);
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(perMillionKeys, "perMillionKeys");
    }

    /** The estimate for {@code inventory} under {@code budget} (which must limit something). */
    public static ExportEstimate of(AccountInventory inventory, RequestBudget budget) {
        if (budget.unlimited()) {
            throw new IllegalArgumentException("an estimate needs a budget");
        }
        List<EstimateLine> lines = new ArrayList<>();
        int namespaces = inventory.kv().size();
        long nsPages = Math.max(1, ceil(namespaces, 100));
        lines.add(new EstimateLine(
                "kv namespace list", nsPages, namespaces + " namespace(s): ⌈" + namespaces + "/100⌉ ≥ 1 = " + nsPages));
        long total = nsPages;
        boolean known = inventory.keysCounted();
        for (KvNamespaceItem ns : inventory.kv()) {
            if (ns.keys().isPresent()) {
                long n = ns.keys().get().keys();
                long list = Math.max(1, ceil(n, 1000));
                long bulk = ceil(n, 100);
                lines.add(new EstimateLine(
                        "kv " + ns.title(),
                        list + bulk,
                        String.format(
                                Locale.ROOT,
                                "%,d keys: ⌈%d/1000⌉ ≥ 1 = %d list + ⌈%d/100⌉ = %d bulk get",
                                n,
                                n,
                                list,
                                n,
                                bulk)));
                total += list + bulk;
            } else {
                lines.add(
                        new EstimateLine("kv " + ns.title(), 1, "keys unknown: at least 1 list (--count-keys counts)"));
                total += 1;
            }
        }
        long objectPages = 0;
        for (DoNamespaceItem d : inventory.durableObjects()) {
            objectPages += Math.max(1, ceil(d.objects(), 10_000));
        }
        if (!inventory.durableObjects().isEmpty()) {
            lines.add(new EstimateLine(
                    "durable object lists",
                    objectPages,
                    String.format(
                            Locale.ROOT,
                            "%,d object(s) in %d namespace(s): ⌈objects/10000⌉ ≥ 1 each = %d",
                            inventory.objects(),
                            inventory.durableObjects().size(),
                            objectPages)));
            total += objectPages;
        }
        return new ExportEstimate(
                budget.spec(),
                known,
                lines,
                total,
                time(total, budget),
                time(1_000 + 10_000, budget),
                inventory.objects());
    }

    /** The time {@code requests} take under {@code budget}: (⌈R/N⌉ − 1) whole windows. */
    static Duration time(long requests, RequestBudget budget) {
        long windows = Math.max(0, ceil(requests, budget.requests()) - 1);
        return budget.window().multipliedBy(windows);
    }

    /** The time arithmetic in words: {@code 27 requests at 1200/5m: (⌈27/1200⌉ − 1) × 5m = 0}. */
    public String timeArithmetic(long requests, Duration time) {
        RequestBudget b = RequestBudget.parse(budget);
        return String.format(
                Locale.ROOT,
                "%,d requests at %s: (⌈%d/%d⌉ − 1) × %s = %s",
                requests,
                budget,
                requests,
                b.requests(),
                DurationText.format(b.window()),
                DurationLabel.of(time));
    }

    private static long ceil(long a, long b) {
        return (a + b - 1) / b;
    }
}
