package dev.landfall.cli.option;

import dev.landfall.core.spi.WriteMode;
import picocli.CommandLine.Option;

/** {@code --mode upsert|mirror|create-only}: what a copy into a store may do, one syntax for every command. */
public final class WriteModeOptions {
    @Option(
            names = "--mode",
            paramLabel = "MODE",
            converter = WriteModeConverter.class,
            description = "upsert: write new and changed keys (default); mirror: also delete keys the source lacks;"
                    + " create-only: never overwrite a key the store holds.")
    WriteMode mode;

    /** Whether --mode was given at all. */
    public boolean given() {
        return mode != null;
    }

    /** The mode given, or {@link WriteMode#UPSERT}. */
    public WriteMode mode() {
        return mode == null ? WriteMode.UPSERT : mode;
    }
}
