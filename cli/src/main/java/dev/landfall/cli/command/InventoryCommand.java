package dev.landfall.cli.command;

import dev.landfall.cli.CliContext;
import dev.landfall.cli.option.Budgets;
import dev.landfall.cli.option.ReportFormat;
import dev.landfall.cli.option.VerbosityOptions;
import dev.landfall.cli.render.ReportOutput;
import dev.landfall.cloudflare.api.CloudflareAccess;
import dev.landfall.cloudflare.api.CloudflareClient;
import dev.landfall.cloudflare.api.CloudflareClientOptions;
import dev.landfall.cloudflare.api.CloudflareEndpoint;
import dev.landfall.cloudflare.inventory.AccountInventory;
import dev.landfall.cloudflare.inventory.Answers;
import dev.landfall.cloudflare.inventory.Assessor;
import dev.landfall.cloudflare.inventory.ExportEstimate;
import dev.landfall.cloudflare.inventory.InventoryHtmlRenderer;
import dev.landfall.cloudflare.inventory.InventoryJsonRenderer;
import dev.landfall.cloudflare.inventory.InventoryMarkdownRenderer;
import dev.landfall.cloudflare.inventory.InventoryReport;
import dev.landfall.cloudflare.inventory.InventoryScanner;
import dev.landfall.cloudflare.inventory.InventoryTextRenderer;
import dev.landfall.core.error.LandfallException;
import dev.landfall.core.time.RequestBudget;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code landfall inventory}: the map of an account and what each part needs on the container side. */
@Command(
        name = "inventory",
        header = "Map an account's Workers, bindings and namespaces; assess the move; estimate export time.",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Lists every Worker script with its bindings (secrets and variables by name",
            "only: values are never read), the KV namespaces, and the Durable Object",
            "namespaces with their objects counted; says for each binding type what takes",
            "its place on the container side and whether Landfall moves its data; assesses",
            "the move from five questions (four answered by flags or --answers, the fifth",
            "from the bindings); and estimates the export time under --api-budget, showing",
            "the arithmetic. Reads only. See docs/inventory.md.",
            "",
            "Credentials come from CLOUDFLARE_API_TOKEN (needs Account > Workers Scripts",
            "> Read and Workers KV Storage > Read), CLOUDFLARE_ACCOUNT_ID and",
            "CLOUDFLARE_API_BASE_URL, as for wrangler.",
            ""
        },
        footer = {
            "",
            "Examples:",
            "  landfall inventory",
            "  landfall inventory --from cloudflare://023e105f4ecef8ad9ca31a8372d0c353 \\",
            "      --count-keys --request-path edge --p99-target 50ms \\",
            "      --data-heat hot --self-hostable no",
            "  landfall inventory --answers answers.txt --format html --out inventory.html",
            "",
            "Exit codes: 0 done; 1 runtime failure (rerun); 2 a bad flag, answers file,",
            "token or permission."
        })
public final class InventoryCommand implements Callable<Integer> {
    private final CliContext context;

    @Mixin
    VerbosityOptions verbosity;

    @Option(
            names = "--from",
            paramLabel = "cloudflare://ACCOUNT",
            description = "The account (default: cloudflare:// with CLOUDFLARE_ACCOUNT_ID).")
    String from;

    @Option(
            names = "--count-keys",
            description = "Also list every key of every KV namespace to count keys and key bytes: one API request"
                    + " per 1,000 keys, reported.")
    boolean countKeys;

    @Option(
            names = "--format",
            paramLabel = "FORMAT",
            defaultValue = "text",
            converter = ReportFormat.Converter.class,
            description = "text (default), md, json (docs/inventory.md) or html (one self-contained file).")
    ReportFormat format;

    @Option(names = "--out", paramLabel = "FILE", description = "Write the report to FILE (atomically).")
    Path out;

    @Option(
            names = "--api-budget",
            paramLabel = "N/WINDOW",
            defaultValue = "1200/300s",
            description = "Stay under N requests in any WINDOW; also the budget the estimate uses"
                    + " (default: ${DEFAULT-VALUE}).")
    String apiBudget;

    @Option(
            names = "--request-path",
            paramLabel = "WHERE",
            description = "Where the service sits: edge, inline, backend or offline.")
    String requestPath;

    @Option(names = "--p99-target", paramLabel = "DURATION", description = "Its p99 latency target, e.g. 50ms.")
    String p99Target;

    @Option(names = "--data-heat", paramLabel = "HEAT", description = "How hot its data is: hot, warm or cold.")
    String dataHeat;

    @Option(names = "--self-hostable", paramLabel = "yes|no", description = "Whether it must run on any Docker host.")
    String selfHostable;

    @Option(
            names = "--answers",
            paramLabel = "FILE",
            description = "Answers as 'question: answer' lines (request-path, p99-target, data-heat,"
                    + " self-hostable); flags win.")
    Path answersFile;

    public InventoryCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws IOException {
        // Everything is validated before the first request.
        RequestBudget budget = Budgets.parse(apiBudget);
        Answers answers = flagAnswers().or(answersFile == null ? Answers.NONE : Answers.read(answersFile));
        CloudflareEndpoint endpoint = CloudflareAccess.resolve(from, context.env());
        Path parent = out == null ? null : out.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            throw LandfallException.usage(
                    "--out " + out + ": the directory " + parent + " does not exist",
                    "create it or choose another path");
        }

        CloudflareClientOptions.Builder options =
                CloudflareClientOptions.builder().budget(budget);
        if (verbosity.verbose()) {
            options.trace(line -> context.err().println("http: " + line));
        }
        if (countKeys) {
            context.err()
                    .println("inventory: --count-keys lists every key of every KV namespace: one API request per"
                            + " 1,000 keys (at least one per namespace), within --api-budget " + budget.spec());
        }
        AccountInventory inventory;
        try (CloudflareClient client = new CloudflareClient(endpoint, options.build())) {
            inventory = new InventoryScanner(
                            client, Clock.systemUTC(), line -> context.err().println("inventory: " + line))
                    .scan(countKeys);
        } catch (LandfallException e) {
            throw e;
        } catch (IOException e) {
            throw LandfallException.transientFailure(
                    "inventory stopped: " + (e.getMessage() == null ? "I/O error" : e.getMessage()),
                    "nothing was written; run it again",
                    e);
        }
        InventoryReport report = new InventoryReport(
                inventory, Assessor.assess(inventory, answers), ExportEstimate.of(inventory, budget));
        ReportOutput.write(out, context.out(), w -> {
            switch (format) {
                case TEXT -> new InventoryTextRenderer().render(report, w);
                case MD -> new InventoryMarkdownRenderer().render(report, w);
                case JSON -> new InventoryJsonRenderer().render(report, w);
                case HTML -> new InventoryHtmlRenderer().render(report, w);
            }
        });
        context.err()
                .println("inventory: " + inventory.requests() + " API request(s) spent"
                        + (countKeys ? " (" + inventory.countingRequests() + " listing keys for --count-keys)" : "")
                        + (out == null ? "" : "; report written to " + out));
        return 0;
    }

    private Answers flagAnswers() {
        Answers a = Answers.NONE;
        if (requestPath != null) {
            a = a.with("request-path", requestPath, "--request-path");
        }
        if (p99Target != null) {
            a = a.with("p99-target", p99Target, "--p99-target");
        }
        if (dataHeat != null) {
            a = a.with("data-heat", dataHeat, "--data-heat");
        }
        if (selfHostable != null) {
            a = a.with("self-hostable", selfHostable, "--self-hostable");
        }
        return a;
    }
}
