package dev.landfall.cli.command;

import dev.landfall.cli.ParentCommand;
import picocli.CommandLine.Command;

/** {@code landfall infra}: the parent of {@code infra validate} and {@code infra generate}. */
@Command(
        name = "infra",
        header = "Check landfall.yaml and generate infrastructure templates from it.",
        mixinStandardHelpOptions = true,
        subcommands = {InfraValidateCommand.class, InfraGenerateCommand.class},
        description = {"Infrastructure commands. Guide: docs/infra.md.", ""})
public final class InfraCommand extends ParentCommand {
    public InfraCommand() {
        super("say what to do: validate or generate");
    }
}
