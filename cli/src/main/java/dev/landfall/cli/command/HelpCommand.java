package dev.landfall.cli.command;

import dev.landfall.cli.LandfallCommand;
import dev.landfall.cli.option.VerbosityOptions;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code landfall help [COMMAND [SUBCOMMAND]]}: the help of the command the words name. picocli's
 * own help command reads only the first word, so {@code help verify latency} showed {@code
 * verify}'s help; this one walks the whole path, as {@code landfall verify latency --help} does.
 */
@Command(
        name = "help",
        header = "Show the help of a command: landfall help verify latency.",
        helpCommand = true,
        description = {"Without a command, shows landfall's own help.", ""},
        footer = {"", "Examples:", "  landfall help import", "  landfall help verify latency"})
public final class HelpCommand extends LandfallCommand {
    @Mixin
    VerbosityOptions verbosity;

    @CommandLine.Option(
            names = {"-h", "--help"},
            usageHelp = true,
            description = "Show this help message and exit.")
    boolean helpRequested;

    @Parameters(
            paramLabel = "COMMAND",
            arity = "0..*",
            description = "The command and its subcommands, as typed before --help (verify latency).")
    List<String> path = new ArrayList<>();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        CommandLine root = spec.commandLine().getParent();
        CommandLine target = root;
        for (String word : path) {
            CommandLine next = target.getSubcommands().get(word);
            if (next == null) {
                String under =
                        target == root ? "" : " of '" + target.getCommandSpec().qualifiedName() + "'";
                throw new ParameterException(target, "Unknown subcommand '" + word + "'" + under + ".", null, word);
            }
            target = next;
        }
        target.usage(root.getOut(), target.getColorScheme());
        root.getOut().flush();
        return 0;
    }
}
