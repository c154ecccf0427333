package dev.landfall.cli.command;

import dev.landfall.cli.LandfallCommand;
import dev.landfall.cli.ParentCommand;
import dev.landfall.cli.option.VerbosityOptions;
import dev.landfall.cloudflare.worker.WorkerScaffold;
import dev.landfall.core.error.LandfallException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code landfall export-worker}: the Worker that reads Durable Objects (and KV) for export. */
@Command(
        name = "export-worker",
        header = "Write the export Worker that reads Durable Objects for landfall export.",
        mixinStandardHelpOptions = true,
        subcommands = {ExportWorkerCommand.Scaffold.class},
        description = {"Export Worker commands. Guide: docs/export-worker-protocol.md.", ""})
public final class ExportWorkerCommand extends ParentCommand {
    public ExportWorkerCommand() {
        super("say what to do: scaffold");
    }

    /** {@code landfall export-worker scaffold}: the Worker, its wrangler.toml and a README. */
    @Command(
            name = "scaffold",
            header = "Write a deployable export Worker: src/, wrangler.toml and README.md.",
            mixinStandardHelpOptions = true,
            sortOptions = false,
            description = {
                "Writes into --out DIR the export Worker's router (src/index.mjs), Landfall's",
                "modules (src/landfall/), a wrangler.toml binding each Durable Object class",
                "and KV namespace, and a README: wrap your classes, set the secret, deploy,",
                "export, remove. Our files are replaced; other files in DIR are left alone.",
                "No secret is written anywhere. With --capture the Worker also defines the",
                "change log of live migration, and the README says how every application",
                "Worker binds and wraps it before the full load, and how to remove it after",
                "the switch.",
                ""
            },
            footer = {
                "",
                "Examples:",
                "  landfall export-worker scaffold --do-binding ROOMS --do-class ChatRoom \\",
                "      --do-script chat-app --kv-binding SESSIONS --out export-worker/",
                "  landfall export-worker scaffold --kv-binding SESSIONS --capture \\",
                "      --account 023e105f4ecef8ad9ca31a8372d0c353 --out export-worker/"
            })
    public static final class Scaffold extends LandfallCommand {
        @Mixin
        VerbosityOptions verbosity;

        @Option(
                names = "--do-binding",
                paramLabel = "B",
                description = "A Durable Object binding name (repeatable; one per --do-class, in order).")
        List<String> doBindings = new ArrayList<>();

        @Option(
                names = "--do-class",
                paramLabel = "C",
                description = "The class the binding of the same position reaches (repeatable).")
        List<String> doClasses = new ArrayList<>();

        @Option(
                names = "--do-script",
                paramLabel = "WORKER",
                defaultValue = "your-app-worker",
                description = "The Worker that defines the classes (default: ${DEFAULT-VALUE}, a placeholder).")
        String doScript;

        @Option(names = "--kv-binding", paramLabel = "K", description = "A KV namespace binding (repeatable).")
        List<String> kvBindings = new ArrayList<>();

        @Option(
                names = "--name",
                paramLabel = "NAME",
                defaultValue = "landfall-export",
                description = "The export Worker's name (default: ${DEFAULT-VALUE}).")
        String name;

        @Option(names = "--out", paramLabel = "DIR", required = true, description = "Directory to write into.")
        Path out;

        @Option(
                names = "--capture",
                description = "Also define the change log that captures writes for live migration.")
        boolean capture;

        @Option(
                names = "--capture-shards",
                paramLabel = "N",
                description = "With --capture: shards of the change log, 1..256 (default: "
                        + WorkerScaffold.Capture.DEFAULT_SHARDS + ").")
        Integer captureShards;

        @Option(
                names = "--capture-capacity",
                paramLabel = "N",
                description = "With --capture: pending changes a shard holds before it overflows, 1..10000000"
                        + " (default: " + WorkerScaffold.Capture.DEFAULT_CAPACITY + ").")
        Integer captureCapacity;

        @Option(
                names = "--account",
                paramLabel = "ID",
                description = "With --capture (required): the Cloudflare account id (32 hex) the log belongs to.")
        String account;

        @Override
        public Integer call() throws IOException {
            if (doBindings.size() != doClasses.size()) {
                throw LandfallException.usage(
                        doBindings.size() + " --do-binding but " + doClasses.size() + " --do-class",
                        "give one --do-class per --do-binding, in the same order");
            }
            List<WorkerScaffold.DoBinding> dos = new ArrayList<>();
            for (int i = 0; i < doBindings.size(); i++) {
                dos.add(new WorkerScaffold.DoBinding(doBindings.get(i), doClasses.get(i), doScript));
            }
            WorkerScaffold scaffold = new WorkerScaffold(name, dos, kvBindings, capture());
            List<Path> written = scaffold.write(out);
            for (Path p : written) {
                context.out().println("wrote " + p);
            }
            context.out().println("next: follow " + out.resolve("README.md"));
            return 0;
        }

        private Optional<WorkerScaffold.Capture> capture() {
            if (!capture) {
                String given = captureShards != null
                        ? "--capture-shards"
                        : captureCapacity != null ? "--capture-capacity" : account != null ? "--account" : null;
                if (given != null) {
                    throw LandfallException.usage(
                            given + " is given without --capture", "add --capture, or drop " + given);
                }
                return Optional.empty();
            }
            if (account == null) {
                throw LandfallException.usage(
                        "--capture needs the account the change log belongs to",
                        "add --account ID (the 32 hex digits wrangler whoami prints)");
            }
            return Optional.of(new WorkerScaffold.Capture(
                    captureShards == null ? WorkerScaffold.Capture.DEFAULT_SHARDS : captureShards,
                    captureCapacity == null ? WorkerScaffold.Capture.DEFAULT_CAPACITY : captureCapacity,
                    account));
        }
    }
}
