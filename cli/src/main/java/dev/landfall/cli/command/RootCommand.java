package dev.landfall.cli.command;

import dev.landfall.cli.ParentCommand;
import java.util.List;
import picocli.CommandLine.Command;

/**
 * {@code landfall}: the root of the command tree. Alone, it shows the help and exits 2. Its
 * subcommands are {@link #COMMANDS}, added by {@code Landfall} (not by the annotation), so a
 * command line that names one builds that one alone.
 */
@Command(
        name = "landfall",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        usageHelpAutoWidth = true,
        description = {
            "Move a latency-critical service off Cloudflare Workers (KV, Durable Objects) onto"
                    + " long-lived containers: AWS Fargate behind Global Accelerator, or one Docker host.",
            ""
        },
        footer = {
            "",
            "Environment (wrangler's names):",
            "  CLOUDFLARE_API_TOKEN     API token (never printed)",
            "  CLOUDFLARE_ACCOUNT_ID    account id",
            "  CLOUDFLARE_API_BASE_URL  API base URL (default: Cloudflare's public API)",
            "",
            "Exit codes:",
            "  0  success",
            "  1  runtime failure (a rerun or --resume may succeed)",
            "  2  usage or configuration error (change the input, then rerun)",
            "  3  verification failed (data mismatch, SLO breach)",
            "  4  plan has changes (only with --detailed-exitcode)",
            "  130  stopped by Ctrl-C at a safe point (migrate, cutover: continue with",
            "       --resume)",
            "",
            "Arguments can be read from a file: landfall @args.txt",
            "See 'landfall help COMMAND' for one command, docs/ for the guides."
        })
public final class RootCommand extends ParentCommand {
    /** The top-level commands, in the order the help lists them. */
    public static final List<Class<?>> COMMANDS = List.of(
            HelpCommand.class,
            InventoryCommand.class,
            ExportCommand.class,
            ExportWorkerCommand.class,
            ImportCommand.class,
            PlanCommand.class,
            MigrateCommand.class,
            DemoCommand.class,
            VerifyCommand.class,
            InitCommand.class,
            InfraCommand.class,
            CutoverCommand.class,
            SandboxCommand.class,
            ServeCommand.class,
            CompletionCommand.class);

    public RootCommand() {
        super("a command is required (see the list above)");
    }
}
