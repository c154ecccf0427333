package dev.landfall.cli.option;

import dev.landfall.core.spi.SourceOptions;
import java.io.PrintStream;
import java.util.Locale;
import java.util.Optional;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * How a Cloudflare account is read: {@code --via}, {@code --prefix}, {@code --export-worker},
 * {@code --concurrency} and {@code --api-budget}. Every command that reads an account ({@code
 * export}, {@code plan}, {@code migrate}, {@code verify data}) takes the same flags, with the same
 * meaning, and the source refuses those that do not apply to it.
 */
public final class CloudflareOptions {
    @Option(
            names = "--via",
            paramLabel = "rest|worker",
            defaultValue = "rest",
            converter = ViaConverter.class,
            description = "How an account's KV is read: rest, the API within --api-budget (default), or worker, through"
                    + " the export Worker's KV bindings (spends no API budget on keys and values).")
    SourceOptions.Via via = SourceOptions.Via.REST;

    @Option(names = "--prefix", paramLabel = "P", description = "Read only an account's KV keys that start with P.")
    String prefix;

    @Option(
            names = "--export-worker",
            paramLabel = "URL",
            description = "The deployed export Worker that reads Durable Objects, and KV with --via worker (default:"
                    + " LANDFALL_EXPORT_WORKER_URL); its secret comes from LANDFALL_EXPORT_SECRET.")
    String exportWorker;

    @Option(
            names = "--concurrency",
            paramLabel = "N",
            defaultValue = "4",
            description = "Cloudflare requests in flight at once, 1..64; with only --do, also Durable Objects"
                    + " copied at once (at most 6) (default: ${DEFAULT-VALUE}).")
    int concurrency = SourceOptions.DEFAULT_CONCURRENCY;

    @Mixin
    ApiBudgetOptions budget;

    /**
     * The source options: these flags and the scopes.
     *
     * @param trace where HTTP trace lines go with {@code --verbose}, or null for none
     */
    public SourceOptions sourceOptions(ScopeOptions scopes, PrintStream trace) {
        if (concurrency < 1 || concurrency > 64) {
            throw dev.landfall.core.error.LandfallException.usage(
                    "--concurrency " + concurrency + " is out of range", "use 1..64");
        }
        return new SourceOptions(
                scopes.kv(),
                scopes.durableObjects(),
                prefix == null ? "" : prefix,
                via,
                Optional.ofNullable(exportWorker).filter(s -> !s.isBlank()),
                concurrency,
                budget.budget(),
                trace == null ? line -> {} : line -> trace.println("http: " + line));
    }

    /** Parses {@code --via}. */
    public static final class ViaConverter implements ITypeConverter<SourceOptions.Via> {
        @Override
        public SourceOptions.Via convert(String value) {
            return switch (value.toLowerCase(Locale.ROOT)) {
                case "rest" -> SourceOptions.Via.REST;
                case "worker" -> SourceOptions.Via.WORKER;
                default ->
                    throw new TypeConversionException(
                            "--via " + value + ": unknown (write --via rest, the API, the default, or --via worker)");
            };
        }
    }
}
