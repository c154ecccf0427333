package dev.landfall.core.bundle;

import dev.landfall.core.error.LandfallException;
import dev.landfall.core.spi.EmptySource;
import dev.landfall.core.spi.Source;
import dev.landfall.core.spi.Store;
import dev.landfall.core.spi.StoreUri;
import dev.landfall.core.store.AbstractStoreProvider;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/** Opens {@code bundle:DIR} as a {@link BundleStore} with {@link BundleOptions#defaults()}. */
public final class BundleStoreProvider extends AbstractStoreProvider {
    public BundleStoreProvider() {
        super(
                "bundle",
                "bundle:DIR  a portable directory: manifest.json plus gzip'd NDJSON parts (wrangler bulk items)");
    }

    @Override
    public Store open(StoreUri uri) {
        String rest = uri.rest();
        if (rest.isBlank()) {
            throw LandfallException.usage(
                    "store 'bundle:' names no directory", "write it as bundle:DIR, for example bundle:export/");
        }
        Path dir;
        try {
            dir = Path.of(rest);
        } catch (InvalidPathException e) {
            throw LandfallException.usage(
                    "store '" + uri + "' is not a valid path: " + e.getReason(),
                    "write it as bundle:DIR, for example bundle:export/");
        }
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw LandfallException.usage(
                    "store '" + uri + "' is a file, not a directory", "name a directory (it is created if missing)");
        }
        return new BundleStore(dir, BundleOptions.defaults());
    }

    /** A directory that holds no committed bundle (no manifest.json) reads as empty, and nothing is created. */
    @Override
    public Source openForReading(StoreUri uri) {
        if (Files.isRegularFile(Path.of(uri.rest()))) {
            throw LandfallException.usage(
                    "source '" + uri + "' is a file, not a bundle directory",
                    "name the directory an export wrote (it holds " + ManifestJson.MANIFEST + ")");
        }
        Store bundle = open(uri); // checks the location; creates nothing until something is written
        if (Files.isRegularFile(Path.of(uri.rest()).resolve(ManifestJson.MANIFEST))) {
            return bundle;
        }
        return new EmptySource(uri.toString());
    }
}
