package dev.landfall.cli.option;

import dev.landfall.core.spi.RefusedValue;
import java.io.PrintStream;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * {@code --accept-unencodable}: whether Durable Object values the export Worker cannot encode may
 * be left out with exit 0. Without it such a run exits 3, so a loss is never read as success;
 * with it the values are still listed. {@code export} and {@code migrate}, the commands that
 * export, declare it; the others read no value through an export into a bundle.
 */
public final class UnencodableOptions {
    /** The exit code of a run that left values out without the flag: verification found a difference. */
    public static final int NOT_EXPORTED = 3;

    @Option(
            names = "--accept-unencodable",
            description =
                    "Exit 0 although Durable Object values the export Worker cannot encode were left out (they are"
                            + " still listed). Without it, such a run exits 3.")
    boolean accept;

    /** Whether the loss is accepted. */
    public boolean accepts() {
        return accept;
    }

    /**
     * The exit code for a run that otherwise succeeded, with a line on {@code err} when values were
     * left out.
     *
     * @param command {@code export} or {@code migrate}, for the message
     * @param again how to export them once fixed
     * @param accepting the command that accepts the loss without reading anything again
     */
    public int exitCode(List<RefusedValue> refused, PrintStream err, String command, String again, String accepting) {
        if (refused.isEmpty()) {
            return 0;
        }
        if (accept) {
            err.println(command + ": " + refused.size()
                    + " value(s) the export Worker cannot encode were left out, as --accept-unencodable allows");
            return 0;
        }
        err.println(command + ": " + refused.size() + " value(s) the export Worker cannot encode were left out"
                + " (each is listed). Fix or delete them and " + again + ", or accept the loss with: "
                + accepting);
        return NOT_EXPORTED;
    }
}
