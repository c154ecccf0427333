package dev.landfall.cli.render;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;

/** The command line that runs a command again: its flags as the operator gave them, less some, plus others. */
public final class RerunCommand {
    private RerunCommand() {}

    /**
     * {@code command} with the options matched on {@code spec}'s command line, except those named in
     * {@code leftOut}, and then {@code added}.
     */
    public static String of(String command, CommandSpec spec, List<String> leftOut, String added) {
        List<String> args = new ArrayList<>(List.of(command));
        spec.commandLine().getParseResult().matchedOptions().stream()
                .filter(o -> !leftOut.contains(o.longestName()))
                .forEach(o -> o.originalStringValues().forEach(v -> args.add(o.longestName() + " " + v)));
        args.add(added);
        return String.join(" ", args);
    }
}
