package dev.landfall.core.bundle;

import dev.landfall.core.error.LandfallException;
import dev.landfall.core.model.KvNamespace;
import dev.landfall.core.spi.Source;
import dev.landfall.core.spi.SourceEnv;
import dev.landfall.core.spi.SourceProvider;
import dev.landfall.core.spi.StoreUri;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;

/**
 * Opens {@code wrangler:FILE.json}, the JSON array {@code wrangler kv bulk put} takes, as a source
 * of one KV namespace, which {@code --kv} names.
 */
public final class WranglerFileSourceProvider implements SourceProvider {
    @Override
    public String scheme() {
        return "wrangler";
    }

    @Override
    public String usage() {
        return "wrangler:FILE.json  a 'wrangler kv bulk put' file, any order, as the one namespace --kv names";
    }

    @Override
    public Source open(StoreUri uri, SourceEnv env) {
        if (uri.rest().isBlank()) {
            throw LandfallException.usage(
                    "--from wrangler: names no file", "write --from wrangler:FILE.json --kv NAMESPACE");
        }
        List<String> kv = env.options().kv();
        if (kv.size() != 1) {
            throw LandfallException.usage(
                    "--from " + uri + " needs exactly one --kv NAMESPACE (the namespace its items go to), got "
                            + kv.size(),
                    "add --kv NAMESPACE, e.g. --from wrangler:flags.json --kv FLAGS");
        }
        if (!env.options().durableObjects().isEmpty()) {
            throw LandfallException.usage(
                    "--do selects Durable Objects, which a wrangler file does not hold", "leave out --do");
        }
        env.options().refuseAccountOptions("--from " + uri);
        Path file;
        try {
            file = Path.of(uri.rest());
        } catch (InvalidPathException e) {
            throw LandfallException.usage(
                    "--from " + uri + " is not a valid path: " + e.getReason(), "write --from wrangler:FILE.json");
        }
        String name = kv.get(0);
        return new WranglerFileSource(
                file, new KvNamespace(name, name), env.clock(), WranglerFileSource.DEFAULT_SORT_BUDGET);
    }
}
