package dev.landfall.cli.command;

import dev.landfall.cli.LandfallCommand;
import dev.landfall.cli.option.SpecOptions;
import dev.landfall.cli.option.VerbosityOptions;
import dev.landfall.infra.spec.RegionSpec;
import dev.landfall.infra.spec.ServiceSpec;
import dev.landfall.infra.spec.SpecCheck;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code landfall infra validate}: parse and check a spec, writing nothing. */
@Command(
        name = "validate",
        header = "Check landfall.yaml: fields, Fargate sizes, regions, secrets.",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Parses and validates the spec without writing anything, and reports every",
            "problem in one run: each error names the file, line and column and the fix;",
            "any error exits 2. Warnings (warning: on stderr, also located) do not fail the",
            "run. The last line counts the errors and warnings.",
            ""
        },
        footer = {"", "Example:", "  landfall infra validate --spec landfall.yaml"})
public final class InfraValidateCommand extends LandfallCommand {

    @Mixin
    VerbosityOptions verbosity;

    @Mixin
    SpecOptions spec;

    @Override
    public Integer call() {
        SpecCheck check = spec.check(context.err());
        ServiceSpec parsed = check.spec();
        context.out()
                .println("valid: " + parsed.regions().size() + " region(s) ("
                        + parsed.regions().stream().map(RegionSpec::name).collect(Collectors.joining(", "))
                        + "), service " + parsed.name() + ", " + parsed.cpu() + " CPU / " + parsed.memory()
                        + " MiB, " + parsed.loadBalancer().name() + " behind Global Accelerator "
                        + parsed.accelerator().protocol() + " "
                        + parsed.accelerator().port());
        context.err().println("0 errors, " + check.warnings().size() + " warning(s)");
        return 0;
    }
}
