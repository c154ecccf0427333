package dev.landfall.cli.option;

import dev.landfall.core.spi.WriteMode;
import picocli.CommandLine.ITypeConverter;

/** {@code --mode upsert|mirror|create-only}. */
public final class WriteModeConverter implements ITypeConverter<WriteMode> {
    @Override
    public WriteMode convert(String value) {
        return WriteMode.parse(value);
    }

    /** The flag's spelling of a mode. */
    public static String name(WriteMode mode) {
        return mode.flag();
    }
}
