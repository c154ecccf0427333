package dev.landfall.cli.render;

import dev.landfall.core.copy.CopyListener;
import dev.landfall.core.report.RefusedValueText;
import dev.landfall.core.run.MigrationListener;
import dev.landfall.core.spi.ApiUsage;
import dev.landfall.core.spi.RefusedValue;
import dev.landfall.core.spi.Source;
import dev.landfall.core.text.VisibleText;
import java.io.PrintStream;
import java.time.Clock;
import java.util.Optional;

/** A migration's progress on stderr: the export's with its API use, the import's, a line before verifying. */
public final class MigrationProgress implements MigrationListener {
    private final PrintStream err;
    private final boolean tty;

    /** @param tty redraw lines in place (a terminal) or print plain periodic lines */
    public MigrationProgress(PrintStream err, boolean tty) {
        this.err = err;
        this.tty = tty;
    }

    @Override
    public CopyListener phaseStarted(Phase phase, Source source) {
        Clock clock = Clock.systemUTC();
        return switch (phase) {
            case EXPORT -> new CopyProgress("export", err, tty, false, clock, Optional.of(() -> ApiUsage.of(source)));
            case IMPORT -> new CopyProgress("migrate", err, tty, false, clock, Optional.empty());
            case VERIFY -> {
                err.println("migrate: verifying every scope's count and digest");
                yield CopyListener.NONE;
            }
        };
    }

    @Override
    public void notWritten(RefusedValue value) {
        err.println("migrate: not written: " + RefusedValueText.line(value) + " (" + VisibleText.of(value.description())
                + ")");
    }
}
