package dev.landfall.cli.command;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code landfall verify}: the parent of {@code verify data}. */
@Command(
        name = "verify",
        header = "Prove the new home equals the old: data (digests) and latency (dual run).",
        mixinStandardHelpOptions = true,
        subcommands = {VerifyDataCommand.class, VerifyLatencyCommand.class},
        description = {"Verification commands. Exit 3 when a difference is found or an SLO is breached.", ""})
public final class VerifyCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        spec.commandLine().getErr().println();
        spec.commandLine().getErr().println("landfall verify: say what to verify: data or latency");
        return 2;
    }
}
