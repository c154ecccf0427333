package dev.landfall.cli.option;

import dev.landfall.core.spi.SourceOptions;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * {@code --kv} and {@code --do}: which scopes a data command reads, with one meaning for every
 * source (docs/sources.md): an account reads only these namespaces; a bundle or store is filtered
 * to them; a wrangler file's one namespace is named by {@code --kv}.
 */
public final class ScopeOptions {
    @Option(
            names = "--kv",
            paramLabel = "NAMESPACE",
            description = "A KV namespace by id or title (repeatable; default: every one, unless --do is given)."
                    + " With wrangler:FILE, the namespace the file's items go to.")
    List<String> kv = new ArrayList<>();

    @Option(
            names = "--do",
            paramLabel = "NAMESPACE",
            description = "A Durable Object namespace (repeatable). From cloudflare://, its id, name or class, read"
                    + " through the export Worker; from a bundle or store, its id.")
    List<String> durableObjects = new ArrayList<>();

    /** The {@code --kv} values, in order. */
    public List<String> kv() {
        return List.copyOf(kv);
    }

    /** The {@code --do} values, in order. */
    public List<String> durableObjects() {
        return List.copyOf(durableObjects);
    }

    /** Whether either flag was given. */
    public boolean any() {
        return !kv.isEmpty() || !durableObjects.isEmpty();
    }

    /** The default source options with these scopes, for commands that read local data only. */
    public SourceOptions sourceOptions() {
        return SourceOptions.DEFAULTS.withScopes(kv(), durableObjects());
    }
}
