package dev.landfall.cli.render;

import dev.landfall.core.report.LeftBehindText;
import dev.landfall.core.spi.LeftBehind;
import java.io.PrintStream;
import java.util.List;

/**
 * The end of an export or migration that left scopes behind without the operator naming what to
 * take: a line each on stderr, and exit 3, so a partial move is never read as a finished one.
 */
public final class LeftBehindNotice {
    /** The exit code of a run that left a scope behind unasked: as for data that differs. */
    public static final int LEFT_BEHIND = 3;

    private LeftBehindNotice() {}

    /**
     * @param command {@code export} or {@code migrate}, for the message
     * @param verb {@code exported} or {@code migrated}
     * @return 0, or {@link #LEFT_BEHIND}
     */
    public static int exitCode(List<LeftBehind> all, PrintStream err, String command, String verb) {
        for (LeftBehind l : all) {
            err.println(command + ": " + LeftBehindText.line(l, verb));
        }
        if (all.isEmpty()) {
            return 0;
        }
        err.println(command + ": the account holds data this run did not take (listed above). Take it with --do"
                + " (through the export Worker), or name what to move with --kv: what --kv and --do leave out"
                + " is left by choice");
        return LEFT_BEHIND;
    }
}
