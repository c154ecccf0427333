package dev.landfall.cli.command;

import dev.landfall.cli.LandfallCommand;
import dev.landfall.cli.ParentCommand;
import dev.landfall.cli.option.CaptureLogOptions;
import dev.landfall.cli.option.VerbosityOptions;
import dev.landfall.cli.option.WorkerBindingOptions;
import dev.landfall.cloudflare.worker.WorkerScaffold;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
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

        @Mixin
        WorkerBindingOptions bindings;

        @Option(
                names = "--name",
                paramLabel = "NAME",
                defaultValue = "landfall-export",
                description = "The export Worker's name (default: ${DEFAULT-VALUE}).")
        String name;

        @Option(names = "--out", paramLabel = "DIR", required = true, description = "Directory to write into.")
        Path out;

        @Mixin
        CaptureLogOptions capture;

        @Override
        public Integer call() throws IOException {
            WorkerScaffold scaffold =
                    new WorkerScaffold(name, bindings.durableObjects(), bindings.kv(), capture.capture());
            List<Path> written = scaffold.write(out);
            for (Path p : written) {
                context.out().println("wrote " + p);
            }
            context.out().println("next: follow " + out.resolve("README.md"));
            return 0;
        }
    }
}
