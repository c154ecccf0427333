package dev.landfall.cli.option;

import dev.landfall.core.error.LandfallException;
import dev.landfall.core.spi.WriteMode;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;

/** {@code --mode upsert|mirror|create-only}. */
public final class WriteModeConverter implements ITypeConverter<WriteMode> {
    @Override
    public WriteMode convert(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "upsert" -> WriteMode.UPSERT;
            case "mirror" -> WriteMode.MIRROR;
            case "create-only" -> WriteMode.CREATE_ONLY;
            default ->
                throw LandfallException.usage(
                        "--mode " + value + " is not a mode", "use upsert (default), mirror or create-only");
        };
    }

    /** The flag's spelling of a mode. */
    public static String name(WriteMode mode) {
        return mode.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
