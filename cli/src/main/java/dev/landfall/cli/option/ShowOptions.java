package dev.landfall.cli.option;

import dev.landfall.core.error.LandfallException;
import picocli.CommandLine.Option;

/** {@code --show N}: how many keys a comparison report names per scope. */
public final class ShowOptions {
    @Option(
            names = "--show",
            paramLabel = "N",
            defaultValue = "20",
            description =
                    "Keys named per scope in the report, 0..100000 (default: ${DEFAULT-VALUE}; 0 for counts only).")
    int show = 20;

    /** The count, checked. */
    public int show() {
        if (show < 0 || show > 100_000) {
            throw LandfallException.usage("--show " + show + " is out of range", "use 0..100000");
        }
        return show;
    }
}
