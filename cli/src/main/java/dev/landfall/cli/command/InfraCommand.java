package dev.landfall.cli.command;

import dev.landfall.cli.CliContext;
import dev.landfall.cli.option.VerbosityOptions;
import dev.landfall.core.error.LandfallException;
import dev.landfall.infra.cloudformation.CloudFormationGenerator;
import dev.landfall.infra.cloudformation.TemplateWriter;
import dev.landfall.infra.compose.ComposeGenerator;
import dev.landfall.infra.cutover.CutoverWorkerKit;
import dev.landfall.infra.spec.RegionSpec;
import dev.landfall.infra.spec.ServiceSpec;
import dev.landfall.infra.spec.SpecParser;
import dev.landfall.infra.terraform.TerraformGenerator;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code landfall infra}: the parent of {@code infra validate} and {@code infra generate}. */
@Command(
        name = "infra",
        header = "Check landfall.yaml and generate infrastructure templates from it.",
        mixinStandardHelpOptions = true,
        subcommands = {InfraCommand.Validate.class, InfraCommand.Generate.class},
        description = {"Infrastructure commands. Guide: docs/infra.md.", ""})
public final class InfraCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        spec.commandLine().getErr().println();
        spec.commandLine().getErr().println("landfall infra: say what to do: validate or generate");
        return 2;
    }

    /** {@code landfall infra validate}: parse and check a spec, writing nothing. */
    @Command(
            name = "validate",
            header = "Check landfall.yaml: fields, Fargate sizes, regions, secrets.",
            mixinStandardHelpOptions = true,
            sortOptions = false,
            description = {
                "Parses and validates the spec without writing anything. An error names the file,",
                "line and column and the fix, and exits 2.",
                ""
            },
            footer = {"", "Example:", "  landfall infra validate --spec landfall.yaml"})
    public static final class Validate implements Callable<Integer> {
        private final CliContext context;

        @Mixin
        VerbosityOptions verbosity;

        @Option(
                names = "--spec",
                paramLabel = "FILE",
                defaultValue = "landfall.yaml",
                description = "The service spec (default: ${DEFAULT-VALUE}).")
        Path spec;

        public Validate(CliContext context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            ServiceSpec parsed = SpecParser.parse(spec);
            context.out()
                    .println("valid: " + parsed.regions().size() + " region(s) ("
                            + parsed.regions().stream().map(RegionSpec::name).collect(Collectors.joining(", "))
                            + "), service " + parsed.name() + ", " + parsed.cpu() + " CPU / " + parsed.memory()
                            + " MiB, " + parsed.loadBalancer().name() + " behind Global Accelerator "
                            + parsed.accelerator().protocol() + " "
                            + parsed.accelerator().port());
            return 0;
        }
    }

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
                "  terraform       DIR/terraform/: modules/region, modules/global, modules/network",
                "                  (for create: true) and a root module with a provider per region",
                "  compose         DIR/compose/: docker-compose.yml (service, store, one-shot",
                "                  landfall import), .env.example, Dockerfile.landfall, README.md",
                "  cutover-worker  DIR/cutover-worker/: the edge-split Worker for landfall cutover",
                "                  (worker.js, wrangler.toml from cutover.edge, README.md)",
                "Our files are replaced; other files in DIR are left alone. Nothing is written",
                "when the spec is invalid.",
                ""
            },
            footer = {
                "",
                "Examples:",
                "  landfall infra generate --spec landfall.yaml --out infra/",
                "  landfall infra generate --out infra/ --format cloudformation,terraform,compose"
            })
    public static final class Generate implements Callable<Integer> {
        private static final Set<String> FORMATS = Set.of("cloudformation", "terraform", "compose", "cutover-worker");

        private final CliContext context;

        @Mixin
        VerbosityOptions verbosity;

        @Option(
                names = "--spec",
                paramLabel = "FILE",
                defaultValue = "landfall.yaml",
                description = "The service spec (default: ${DEFAULT-VALUE}).")
        Path spec;

        @Option(names = "--out", paramLabel = "DIR", required = true, description = "Directory for the templates.")
        Path out;

        @Option(
                names = "--format",
                paramLabel = "FORMAT",
                defaultValue = "cloudformation",
                description =
                        "cloudformation (default), terraform, compose or cutover-worker; several separated by commas.")
        String format;

        public Generate(CliContext context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            Set<String> formats = new TreeSet<>();
            for (String wanted : format.toLowerCase(Locale.ROOT).split(",", -1)) {
                String f = wanted.trim();
                if (!FORMATS.contains(f)) {
                    throw LandfallException.usage(
                            "--format " + wanted + " is not a template format",
                            "use cloudformation, terraform, compose or cutover-worker (several separated by commas)");
                }
                formats.add(f);
            }
            // Validate and generate everything before writing anything: a bad spec leaves DIR untouched.
            ServiceSpec parsed = SpecParser.parse(spec);
            SortedMap<String, String> files = new TreeMap<>();
            if (formats.contains("cloudformation")) {
                files.putAll(CloudFormationGenerator.generate(parsed));
            }
            if (formats.contains("terraform")) {
                TerraformGenerator.generate(parsed).forEach((name, text) -> files.put("terraform/" + name, text));
            }
            if (formats.contains("compose")) {
                ComposeGenerator.generate(parsed).forEach((name, text) -> files.put("compose/" + name, text));
            }
            if (formats.contains("cutover-worker")) {
                CutoverWorkerKit.generate(parsed).forEach((name, text) -> files.put("cutover-worker/" + name, text));
            }
            TemplateWriter.write(out, files);
            for (String name : files.keySet()) {
                context.out().println(out.resolve(name));
            }
            context.err()
                    .println("wrote " + files.size() + " files (" + String.join(", ", formats) + ") for "
                            + parsed.regions().size() + " region(s); how to apply them: the README.md of each");
            return 0;
        }
    }
}
