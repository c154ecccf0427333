package dev.landfall.cli.command;

import dev.landfall.cli.LandfallCommand;
import dev.landfall.cli.option.ReadOptions;
import dev.landfall.cli.option.ReportFormat;
import dev.landfall.cli.option.ReportOptions;
import dev.landfall.cli.option.ShowOptions;
import dev.landfall.cli.option.StoreOptions;
import dev.landfall.cli.option.WriteModeOptions;
import dev.landfall.cli.render.NoteLine;
import dev.landfall.cli.render.PlanProgress;
import dev.landfall.cli.render.ReportOutput;
import dev.landfall.core.diff.Plan;
import dev.landfall.core.diff.Planner;
import dev.landfall.core.error.LandfallException;
import dev.landfall.core.report.PlanHtmlRenderer;
import dev.landfall.core.report.PlanJsonRenderer;
import dev.landfall.core.report.PlanMarkdownRenderer;
import dev.landfall.core.report.PlanTextRenderer;
import dev.landfall.core.run.Comparison;
import dev.landfall.core.spi.SourceEnv;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code landfall plan}: what an import or migration would change, without writing anything. */
@Command(
        name = "plan",
        header = "Show what importing SOURCE into STORE would create, update and delete; write nothing.",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Reads SOURCE and STORE side by side in key order, scope by scope, and reports",
            "per scope how many keys an import would create, update, delete (only with",
            "--mode mirror) or leave unchanged, the bytes to write, and the first --show",
            "changed keys with what changes: value size and SHA-256 before -> after (never",
            "the value), metadata and expiration. Constant memory at any size. Nothing is",
            "written anywhere, and a store that does not exist yet plans as empty.",
            "",
            "SOURCE: cloudflare://ACCOUNT (reads every value through the API, within its",
            "budget), bundle:DIR, wrangler:FILE.json (--kv names its namespace), or a store.",
            "STORE: sqlite:PATH (default sqlite:landfall.db), postgres://…, redis://…,",
            "bundle:DIR.",
            ""
        },
        footer = {
            "",
            "Examples:",
            "  landfall plan --from bundle:export/",
            "  landfall plan --from bundle:export/ --to postgres://app@db:5432/app \\",
            "      --mode mirror --format html --out plan.html",
            "  landfall plan --from bundle:export/ --format md --detailed-exitcode \\",
            "      > comment.md",
            "",
            "Exit codes: 0 done (with --detailed-exitcode: no changes); 4 changes present",
            "(only with --detailed-exitcode); 1 runtime failure; 2 a bad flag, URI or file."
        })
public final class PlanCommand extends LandfallCommand {

    @Mixin
    ReadOptions read;

    @Mixin
    StoreOptions to;

    @Mixin
    WriteModeOptions mode;

    @Mixin
    ReportOptions report;

    @Mixin
    ShowOptions show;

    @Option(
            names = "--detailed-exitcode",
            description = "Exit 0 when nothing would change and 4 when something would, as terraform plan does.")
    boolean detailedExitcode;

    @Override
    public Integer call() throws IOException {
        Path out = report.out().orElse(null);
        ReportFormat format = report.format();
        SourceEnv env = context.sourceEnv(read.sourceOptions(context.err()))
                .withNotes(new NoteLine("plan", context.err(), context.terminal()));
        Plan plan;
        try (Comparison pair =
                Comparison.open(read.from().uri(read.from().required("name the source to plan from")), to.uri(), env)) {
            plan = new Planner(
                            pair.source(),
                            pair.store(),
                            mode.mode(),
                            show.show(),
                            env.clock(),
                            new PlanProgress(
                                    context.err(), context.terminal(), format == ReportFormat.TEXT && out == null))
                    .plan(pair.selection());
        } catch (LandfallException e) {
            throw e;
        } catch (IOException e) {
            throw LandfallException.stopped("plan", e, "nothing was written; run it again");
        }
        boolean colour = out == null && context.terminal() && !context.env().containsKey("NO_COLOR");
        ReportOutput.write(out, context.out(), w -> {
            switch (format) {
                case TEXT -> new PlanTextRenderer(colour).render(plan, w);
                case MD -> new PlanMarkdownRenderer().render(plan, w);
                case JSON -> new PlanJsonRenderer().render(plan, w);
                case HTML -> new PlanHtmlRenderer().render(plan, w);
            }
        });
        if (out != null) {
            context.err().println("plan: report written to " + out);
        }
        return detailedExitcode && plan.hasChanges() ? 4 : 0;
    }
}
