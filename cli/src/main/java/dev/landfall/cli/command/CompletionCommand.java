package dev.landfall.cli.command;

import dev.landfall.cli.LandfallCommand;
import dev.landfall.cli.option.VerbosityOptions;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code landfall completion}: prints a bash (and zsh via bashcompinit) completion script. */
@Command(
        name = "completion",
        header = "Print a bash completion script for landfall.",
        mixinStandardHelpOptions = true,
        description = {
            "Load it in the current shell:",
            "  source <(landfall completion)",
            "Install it for every shell:",
            "  landfall completion > /etc/bash_completion.d/landfall",
            "zsh: run 'autoload -U +X bashcompinit && bashcompinit' first.",
            ""
        })
public final class CompletionCommand extends LandfallCommand {
    @Mixin
    VerbosityOptions verbosity;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        String script = AutoComplete.bash("landfall", spec.root().commandLine());
        spec.commandLine().getOut().print(script);
        spec.commandLine().getOut().flush();
        return 0;
    }
}
