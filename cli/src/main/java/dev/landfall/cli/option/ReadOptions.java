package dev.landfall.cli.option;

import dev.landfall.core.spi.SourceOptions;
import java.io.PrintStream;
import picocli.CommandLine.Mixin;

/**
 * Everything a command that reads any source takes (docs/sources.md): {@code --from}, {@code
 * --kv}/{@code --do}, the Cloudflare flags and {@code --verbose}. {@code export}, {@code plan},
 * {@code migrate} and {@code verify data} declare this one mixin, so they accept the same source
 * flags and behave the same.
 */
public final class ReadOptions {
    @Mixin
    VerbosityOptions verbosity;

    @Mixin
    FromOptions from;

    @Mixin
    ScopeOptions scopes;

    @Mixin
    CloudflareOptions cloudflare;

    public FromOptions from() {
        return from;
    }

    public ScopeOptions scopes() {
        return scopes;
    }

    /**
     * The source options given.
     *
     * @param err where HTTP trace lines go with {@code --verbose}
     */
    public SourceOptions sourceOptions(PrintStream err) {
        return cloudflare.sourceOptions(scopes, verbosity.verbose() ? err : null);
    }
}
