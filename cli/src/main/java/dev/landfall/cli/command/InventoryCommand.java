package dev.landfall.cli.command;

import dev.landfall.cli.LandfallCommand;
import dev.landfall.cli.option.AnswerOptions;
import dev.landfall.cli.option.ApiBudgetOptions;
import dev.landfall.cli.option.ReportOptions;
import dev.landfall.cli.option.VerbosityOptions;
import dev.landfall.cli.render.ReportOutput;
import dev.landfall.cloudflare.api.CloudflareAccess;
import dev.landfall.cloudflare.api.CloudflareEndpoint;
import dev.landfall.cloudflare.inventory.AccountInventory;
import dev.landfall.cloudflare.inventory.Answers;
import dev.landfall.cloudflare.inventory.Inventory;
import dev.landfall.cloudflare.inventory.InventoryHtmlRenderer;
import dev.landfall.cloudflare.inventory.InventoryJsonRenderer;
import dev.landfall.cloudflare.inventory.InventoryMarkdownRenderer;
import dev.landfall.cloudflare.inventory.InventoryReport;
import dev.landfall.cloudflare.inventory.InventoryTextRenderer;
import dev.landfall.core.error.LandfallException;
import dev.landfall.core.time.RequestBudget;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
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
            "the move from five questions (the fourth counted from the bindings, the others",
            "answered by flags or --answers); and estimates the export's requests and time",
            "under --api-budget, showing its inputs and arithmetic: a lower bound that",
            "assumes text values, unless --count-keys counts the keys and samples the",
            "values (binary values cost one more request each). Reads only. See",
            "docs/inventory.md.",
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
public final class InventoryCommand extends LandfallCommand {

    @Mixin
    VerbosityOptions verbosity;

    @Option(
            names = "--from",
            paramLabel = "cloudflare://ACCOUNT",
            description = "The account (default: cloudflare:// with CLOUDFLARE_ACCOUNT_ID).")
    String from;

    @Option(
            names = "--count-keys",
            description = "Also list every key of every KV namespace to count keys and key bytes (one API request"
                    + " per 1,000 keys), and read the values of up to 1,000 keys spread over each namespace to"
                    + " see how many are binary (one request per 100, at most 10 per namespace); reported.")
    boolean countKeys;

    @Mixin
    ReportOptions report;

    @Mixin
    ApiBudgetOptions apiBudget;

    @Mixin
    AnswerOptions questions;

    @Override
    public Integer call() throws IOException {
        // Everything is validated before the first request.
        RequestBudget budget = apiBudget.budget();
        Answers answers = questions.answers();
        CloudflareEndpoint endpoint = CloudflareAccess.resolve(from, context.env());
        Path out = report.out().orElse(null);
        Path parent = out == null ? null : out.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            throw LandfallException.usage(
                    "--out " + out + ": the directory " + parent + " does not exist",
                    "create it or choose another path");
        }
        if (countKeys) {
            context.err()
                    .println("inventory: --count-keys lists every key of every KV namespace (one API request per"
                            + " 1,000 keys, at least one per namespace) and reads the values of up to 1,000 keys of"
                            + " each (one request per 100), within --api-budget " + budget.spec());
        }
        InventoryReport result = new Inventory(Clock.systemUTC())
                .run(new Inventory.Options(endpoint, budget, countKeys, answers), new Inventory.Listener() {
                    @Override
                    public void progress(String line) {
                        context.err().println("inventory: " + line);
                    }

                    @Override
                    public boolean tracing() {
                        return verbosity.verbose();
                    }

                    @Override
                    public void trace(String line) {
                        context.err().println("http: " + line);
                    }
                });
        ReportOutput.write(out, context.out(), w -> {
            switch (report.format()) {
                case TEXT -> new InventoryTextRenderer().render(result, w);
                case MD -> new InventoryMarkdownRenderer().render(result, w);
                case JSON -> new InventoryJsonRenderer().render(result, w);
                case HTML -> new InventoryHtmlRenderer().render(result, w);
            }
        });
        AccountInventory inventory = result.inventory();
        context.err()
                .println("inventory: " + inventory.requests() + " API request(s) spent"
                        + (countKeys
                                ? " (" + inventory.countingRequests() + " listing keys and "
                                        + inventory.samplingRequests() + " sampling values for --count-keys)"
                                : "")
                        + (out == null ? "" : "; report written to " + out));
        return 0;
    }
}
