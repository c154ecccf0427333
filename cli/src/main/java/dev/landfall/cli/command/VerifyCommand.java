package dev.landfall.cli.command;

import dev.landfall.cli.ParentCommand;
import picocli.CommandLine.Command;

/** {@code landfall verify}: the parent of {@code verify data}. */
@Command(
        name = "verify",
        header = "Prove the new home equals the old: data (digests) and latency (dual run).",
        mixinStandardHelpOptions = true,
        subcommands = {VerifyDataCommand.class, VerifyLatencyCommand.class},
        description = {"Verification commands. Exit 3 when a difference is found or an SLO is breached.", ""})
public final class VerifyCommand extends ParentCommand {
    public VerifyCommand() {
        super("say what to verify: data or latency");
    }
}
