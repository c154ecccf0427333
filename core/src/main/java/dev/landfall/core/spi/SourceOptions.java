package dev.landfall.core.spi;

import dev.landfall.core.time.RequestBudget;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The source options every data command accepts, with one meaning everywhere. Each source uses the
 * ones that apply to it and refuses the others: {@code --kv} names a wrangler file's namespace,
 * and selects namespaces of an account or a store; {@code --via}, {@code --prefix}, {@code
 * --export-worker} and the budget apply to a Cloudflare account.
 *
 * @param kv KV namespaces by id or title ({@code --kv}, repeatable); empty means every one
 * @param durableObjects Durable Object namespaces by id, name or class ({@code --do})
 * @param prefix only KV keys with this prefix ({@code --prefix}); empty means every key
 * @param via how Workers KV is read ({@code --via})
 * @param exportWorker the export Worker's URL ({@code --export-worker}), absent to use the
 *     environment's
 * @param concurrency requests in flight at once ({@code --concurrency}), 1..64
 * @param budget the Cloudflare API budget ({@code --api-budget})
 * @param trace where HTTP trace lines go ({@code --verbose}), never with secrets
 */
public record SourceOptions(
        List<String> kv,
        List<String> durableObjects,
        String prefix,
        Via via,
        Optional<String> exportWorker,
        int concurrency,
        RequestBudget budget,
        Consumer<String> trace) {
    /** How Workers KV is read from an account. */
    public enum Via {
        /** The REST API, within the budget. */
        REST,
        /** The export Worker's KV bindings, spending no budget on keys and values. */
        WORKER
    }

    /** Requests in flight at once when not given. */
    public static final int DEFAULT_CONCURRENCY = 4;

    /** Every scope, every key, over REST at Cloudflare's default budget. */
    public static final SourceOptions DEFAULTS = new SourceOptions(
            List.of(),
            List.of(),
            "",
            Via.REST,
            Optional.empty(),
            DEFAULT_CONCURRENCY,
            RequestBudget.CLOUDFLARE_DEFAULT,
            line -> {});

    public SourceOptions {
        kv = List.copyOf(Objects.requireNonNull(kv, "kv"));
        durableObjects = List.copyOf(Objects.requireNonNull(durableObjects, "durableObjects"));
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(via, "via");
        Objects.requireNonNull(exportWorker, "exportWorker");
        Objects.requireNonNull(budget, "budget");
        Objects.requireNonNull(trace, "trace");
        if (concurrency < 1 || concurrency > 64) {
            throw new IllegalArgumentException("concurrency " + concurrency + " is out of 1..64");
        }
    }

    /**
     * Refuses the options that only a Cloudflare account takes ({@code --prefix}, {@code --via
     * worker}, {@code --export-worker}), for a source that is not one.
     *
     * @param source the flag and location, for the message ({@code --from bundle:x})
     * @throws dev.landfall.core.error.LandfallException USAGE naming the first such option given
     */
    public void refuseAccountOptions(String source) {
        String given = !prefix.isEmpty()
                ? "--prefix"
                : via != Via.REST ? "--via worker" : exportWorker.isPresent() ? "--export-worker" : null;
        if (given != null) {
            throw dev.landfall.core.error.LandfallException.usage(
                    given + " applies to a Cloudflare account, not to " + source,
                    "leave out " + given + ", or read the account itself with --from cloudflare://ACCOUNT_ID");
        }
    }

    /** These options with other scope names. */
    public SourceOptions withScopes(List<String> kvNames, List<String> doNames) {
        return new SourceOptions(kvNames, doNames, prefix, via, exportWorker, concurrency, budget, trace);
    }

    /** These options with another key prefix. */
    public SourceOptions withPrefix(String other) {
        return new SourceOptions(kv, durableObjects, other, via, exportWorker, concurrency, budget, trace);
    }

    /** These options with another budget. */
    public SourceOptions withBudget(RequestBudget other) {
        return new SourceOptions(kv, durableObjects, prefix, via, exportWorker, concurrency, other, trace);
    }

    /** These options with another trace. */
    public SourceOptions withTrace(Consumer<String> other) {
        return new SourceOptions(kv, durableObjects, prefix, via, exportWorker, concurrency, budget, other);
    }
}
