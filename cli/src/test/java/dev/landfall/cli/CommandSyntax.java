package dev.landfall.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.Map;
import picocli.CommandLine;

/** Parses a landfall command line as the CLI would, without running it: for commands shown, not run. */
public final class CommandSyntax {
    private CommandSyntax() {}

    /**
     * @throws CommandLine.ParameterException naming what the CLI refuses: an unknown flag, a bad
     *     value, a missing parameter
     */
    public static void check(String... args) {
        PrintStream sink = new PrintStream(new ByteArrayOutputStream());
        Landfall.newCommandLine(new CliContext(sink, sink, Map.of())).parseArgs(args);
    }
}
