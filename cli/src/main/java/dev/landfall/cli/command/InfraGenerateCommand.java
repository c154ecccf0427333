package dev.landfall.cli.command;

import dev.landfall.cli.LandfallCommand;
import dev.landfall.cli.option.SpecOptions;
import dev.landfall.cli.option.VerbosityOptions;
import dev.landfall.core.text.VisibleText;
import dev.landfall.infra.TemplateFormat;
import dev.landfall.infra.TemplateGenerator;
import dev.landfall.infra.WrittenFiles;
import dev.landfall.infra.spec.ServiceSpec;
import dev.landfall.infra.spec.SpecCheck;
import java.nio.file.Path;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code landfall infra generate}: templates from the spec, the same bytes for the same spec. */
@Command(
        name = "generate",
        header = "Write CloudFormation, Terraform or a docker compose kit from landfall.yaml.",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Validates the spec, then writes into --out DIR, per --format:",
            "  cloudformation  DIR/region-REGION.json (one stack per region: ECS on Fargate,",
            "                  load balancer, security groups, roles, autoscaling, and the",
            "                  VPC where a region says create: true),",
            "                  DIR/global.json (Global Accelerator; each dial starts at 0),",
            "                  DIR/README.md (deploy order and commands)",
            "  terraform       DIR/terraform/: modules/region, modules/global,",
            "                  modules/network (for create: true) and a root module with",
            "                  a provider per region",
            "  compose         DIR/compose/: docker-compose.yml (service, store, one-shot",
            "                  landfall import), .env.example, Dockerfile.landfall, README.md",
            "  cutover-worker  DIR/cutover-worker/: the edge-split Worker for landfall",
            "                  cutover",
            "                  (worker.js, wrangler.toml from cutover.edge, README.md)",
            "DIR/.landfall-manifest lists the files written; the next generate into DIR",
            "removes those it no longer writes (a region or format dropped) and leaves",
            "every other file in DIR alone. Nothing is written when the spec is invalid;",
            "every error is listed at once, as infra validate does, and warnings are",
            "printed (warning: on stderr) without stopping the run.",
            ""
        },
        footer = {
            "",
            "Examples:",
            "  landfall infra generate --spec landfall.yaml --out infra/",
            "  landfall infra generate --out infra/ --format cloudformation,terraform,compose"
        })
public final class InfraGenerateCommand extends LandfallCommand {

    @Mixin
    VerbosityOptions verbosity;

    @Mixin
    SpecOptions spec;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "Directory for the templates.")
    Path out;

    @Option(
            names = "--format",
            paramLabel = "FORMAT",
            defaultValue = "cloudformation",
            description =
                    "cloudformation (default), terraform, compose or cutover-worker; several separated by commas.")
    String format;

    @Override
    public Integer call() {
        Set<TemplateFormat> formats = TemplateFormat.parseList(format);
        // Validate and generate everything before writing anything: a bad spec leaves DIR untouched.
        SpecCheck check = spec.check(context.err());
        ServiceSpec parsed = check.spec();
        if (formats.contains(TemplateFormat.CUTOVER_WORKER)) {
            cutoverWorkerNeeds(check, parsed);
        }
        WrittenFiles files = TemplateGenerator.write(out, parsed, formats);
        for (String name : files.written().keySet()) {
            context.out().println(out.resolve(name));
        }
        if (!files.removed().isEmpty()) {
            context.err()
                    .println("removed " + files.removed().size() + " file(s) an earlier generate wrote into " + out
                            + " and this one does not: " + VisibleText.of(String.join(", ", files.removed())));
        }
        context.err()
                .println("wrote " + files.written().size() + " files (" + TemplateGenerator.names(formats) + ") for "
                        + parsed.regions().size() + " region(s); how to apply them: the README.md of each");
        return 0;
    }

    /** The Worker kit's fields are optional in the spec: say where to add them. */
    private static void cutoverWorkerNeeds(SpecCheck check, ServiceSpec parsed) {
        if (parsed.cutover().edge().isEmpty()) {
            throw check.error(
                    "/cutover/edge",
                    "is missing, and --format cutover-worker needs it (the old Worker and the dial namespace)",
                    "add cutover.edge to landfall.yaml; docs/landfall-yaml.md shows its fields");
        }
        if (parsed.cutover().candidate().isEmpty()) {
            throw check.error(
                    "/cutover/candidate",
                    "is missing, and --format cutover-worker needs it: the URL the Worker sends new traffic to",
                    "add cutover.candidate (the accelerator's hostname, e.g. https://new-api.example.com)");
        }
    }
}
