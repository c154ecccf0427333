package dev.landfall.core.run;

import dev.landfall.core.error.LandfallException;
import dev.landfall.core.spi.StoreUri;
import dev.landfall.core.spi.WriteMode;
import java.util.Objects;

/**
 * What an {@link Importer} is asked to do.
 *
 * @param from the source, with any password (never printed: {@link StoreUri#toString()} masks it)
 * @param to the store
 * @param mode the write mode
 * @param batch entries per store transaction (a batch also closes at 16 MiB)
 */
public record ImportOptions(StoreUri from, StoreUri to, WriteMode mode, int batch) {
    /** Entries per store transaction when not given. */
    public static final int DEFAULT_BATCH = 10_000;

    public ImportOptions {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(mode, "mode");
        if (batch < 1 || batch > 1_000_000) {
            throw LandfallException.usage("--batch " + batch + " is out of range", "use 1..1000000");
        }
        if (from.unmasked().equals(to.unmasked())) {
            throw LandfallException.usage(
                    "--from and --to are the same store (" + to + ")", "import from one store into another");
        }
    }
}
