package dev.landfall.cli.option;

import dev.landfall.verify.latency.parity.PathPattern;
import dev.landfall.verify.latency.slo.Slo;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;

/**
 * {@code --slo} and {@code --ignore}: how a dual run judges the new endpoint, one syntax for
 * {@code verify latency} and {@code cutover} (docs/dual-run.md). Both are parsed when the command
 * line is read; {@code --slo} has no picocli default because cutover takes its default from the
 * spec.
 */
public final class SloOptions {
    @Option(
            names = "--slo",
            paramLabel = "SLO",
            converter = SloConverter.class,
            // picocli formats descriptions with String.format: a lone % breaks the line in --help, so the
            // default is written out here (a test checks it is Slo.DEFAULT).
            description = "Terms that must all hold, e.g. 'p99<=10ms,errors<=0.1%%,mismatch<=0.1%%,speedup>=2'"
                    + " (default: errors<=0.1%%,mismatch<=0.1%% for verify latency, cutover.slo for a cutover).")
    Slo slo;

    @Option(
            names = "--ignore",
            paramLabel = "JSONPATH",
            converter = IgnoreConverter.class,
            description = "Leave this JSON path out of the comparison (repeatable), e.g. $.requestId.")
    List<PathPattern> ignore = new ArrayList<>();

    /** The SLO given, or the command's default (parsed here, so a bad default is a usage error too). */
    public Slo slo(String commandDefault) {
        return slo != null ? slo : Slo.parse(commandDefault);
    }

    /** Whether {@code --slo} was given (a resume gives the one its cutover was started with). */
    public boolean given() {
        return slo != null;
    }

    /** The JSON paths left out of the comparison, in the order given. */
    public List<PathPattern> ignore() {
        return List.copyOf(ignore);
    }

    // The parsers name the flag and the fix; a LandfallException from a converter reaches the
    // ErrorReporter as the cause, so its message and hint are shown as they are.

    /** Parses {@code --slo}. */
    public static final class SloConverter implements ITypeConverter<Slo> {
        @Override
        public Slo convert(String text) {
            return Slo.parse(text);
        }
    }

    /** Parses one {@code --ignore}. */
    public static final class IgnoreConverter implements ITypeConverter<PathPattern> {
        @Override
        public PathPattern convert(String text) {
            return PathPattern.parse(text);
        }
    }
}
