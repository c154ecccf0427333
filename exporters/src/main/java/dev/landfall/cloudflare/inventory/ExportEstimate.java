package dev.landfall.cloudflare.inventory;

import dev.landfall.cloudflare.api.CloudflareClient;
import dev.landfall.core.report.DurationLabel;
import dev.landfall.core.time.DurationText;
import dev.landfall.core.time.RequestBudget;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * An estimate of the API requests and the time exporting the account's KV data takes under the
 * budget, with its inputs and arithmetic shown. An estimate, never a measurement: retries (429s,
 * 5xx, resets) and batches split for size or refusal cost more than it counts.
 *
 * <p>The rules are the export's ({@code KvRestSource}, cloudflare-api.md §2, §6): keys are listed
 * {@value #KEYS_PER_LIST} a request; every value is asked for in bulk gets of {@value
 * #KEYS_PER_BULK_GET}; a value bulk get cannot return exactly as text (a binary value) is read
 * again alone, one request more. Metadata and expiration come with the key list and cost nothing.
 * So a namespace of N keys of which B are binary costs ⌈N/1000⌉ (at least 1) + ⌈N/100⌉ + B
 * requests, and the namespace list ⌈namespaces/100⌉. N comes from {@code --count-keys}; B is
 * extrapolated from the sample it takes ({@link ValueSample}), exact when the sample read every
 * value. Without key counts, or for a namespace whose sample failed, the figure is a lower bound
 * that assumes text values.
 *
 * <p>The client's limiter sends a window's worth at once and then waits for the window to slide,
 * so R requests under N/W take (⌈R/N⌉ − 1) × W, plus the time the requests themselves take.
 * Durable Object storage goes through the export Worker, outside the REST budget; only listing its
 * objects costs API requests.
 *
 * @param budget the budget, as {@code --api-budget} writes it
 * @param keyCountsKnown whether {@code --count-keys} gave every namespace's key count
 * @param valuesSampled whether every namespace with keys had a usable value sample
 * @param namespaces the KV namespaces, with the key counts and samples the estimate rests on
 * @param lines the arithmetic, one line per cost
 * @param requests the total API requests (see {@link #lowerBound()})
 * @param time the time the budget needs for them
 * @param perMillionKeys the time 1,000,000 text-valued keys take under the budget
 * @param doObjects Durable Objects whose storage the export Worker reads, one or more requests each
 */
public record ExportEstimate(
        String budget,
        boolean keyCountsKnown,
        boolean valuesSampled,
        List<KvNamespaceItem> namespaces,
        List<EstimateLine> lines,
        long requests,
        Duration time,
        Duration perMillionKeys,
        long doObjects) {
    /** Keys one list request returns. */
    public static final int KEYS_PER_LIST = CloudflareClient.MAX_LIST_LIMIT;

    /** Values one bulk get asks for. */
    public static final int KEYS_PER_BULK_GET = CloudflareClient.MAX_BULK_KEYS;

    /** Requests a binary value costs besides its share of a bulk get: one single read. */
    public static final int REQUESTS_PER_BINARY_VALUE = 1;

    public ExportEstimate {
        Objects.requireNonNull(budget, "budget");
        namespaces = List.copyOf(namespaces);
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
        boolean sampled = true;
        for (KvNamespaceItem ns : inventory.kv()) {
            EstimateLine line = line(ns);
            lines.add(line);
            total += line.requests();
            long keys = ns.keys().map(KeyCount::keys).orElse(0L);
            if (keys > 0 && !ns.sample().map(ValueSample::usable).orElse(false)) {
                sampled = false;
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
                inventory.keysCounted(),
                inventory.keysCounted() && sampled,
                inventory.kv(),
                lines,
                total,
                time(total, budget),
                time(1_000 + 10_000, budget),
                inventory.objects());
    }

    /** One namespace's requests: its lists, its bulk gets and its binary values' single reads. */
    private static EstimateLine line(KvNamespaceItem ns) {
        String what = "kv " + ns.title();
        if (ns.keys().isEmpty()) {
            return new EstimateLine(what, 1, "keys unknown: at least 1 list (--count-keys counts)");
        }
        long n = ns.keys().get().keys();
        long list = Math.max(1, ceil(n, KEYS_PER_LIST));
        long bulk = ceil(n, KEYS_PER_BULK_GET);
        String arithmetic = String.format(
                Locale.ROOT,
                "%,d keys: ⌈%d/%d⌉ ≥ 1 = %d list + ⌈%d/%d⌉ = %d bulk get",
                n,
                n,
                KEYS_PER_LIST,
                list,
                n,
                KEYS_PER_BULK_GET,
                bulk);
        if (n == 0) {
            return new EstimateLine(what, list, arithmetic);
        }
        ValueSample s = ns.sample().orElse(null);
        if (s == null || !s.usable()) {
            return new EstimateLine(what, list + bulk, arithmetic + " + binary values unknown, 0 single reads counted");
        }
        long single = singleReads(n, s);
        String binary = s.everyKey()
                ? String.format(Locale.ROOT, " + %,d binary (every value sampled) =", s.readAlone())
                : String.format(Locale.ROOT, " + %,d × %d/%d binary in the sample ≈", n, s.readAlone(), s.values());
        return new EstimateLine(
                what,
                list + bulk + single,
                arithmetic + binary + String.format(Locale.ROOT, " %,d single read(s)", single));
    }

    /** Binary values in a namespace of {@code keys}: the sample's count, or its share of them. */
    static long singleReads(long keys, ValueSample s) {
        if (s.everyKey()) {
            return (long) s.readAlone() * REQUESTS_PER_BINARY_VALUE;
        }
        return Math.round((double) keys * s.readAlone() / s.values()) * REQUESTS_PER_BINARY_VALUE;
    }

    /** Whether the total is only a lower bound: keys not counted, or values not sampled somewhere. */
    public boolean lowerBound() {
        return !(keyCountsKnown && valuesSampled);
    }

    /** What the figure is, in one sentence for the report. */
    public String basis() {
        if (!keyCountsKnown) {
            return "A lower bound, not a measurement: keys were not counted (one list request per namespace is"
                    + " counted) and values are assumed to be text (no single reads); --count-keys counts the keys"
                    + " and samples the values.";
        }
        if (!valuesSampled) {
            return "A lower bound, not a measurement: keys were counted, but where no sample of the values could"
                    + " be read, values are assumed to be text (no single reads for binary values).";
        }
        return "An estimate, not a measurement: keys were counted; binary values (one more request each) are"
                + " counted in the values of up to 1,000 keys spread over each namespace and extrapolated to"
                + " the rest. Retries (429, 5xx) and batches split for size add to it.";
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
