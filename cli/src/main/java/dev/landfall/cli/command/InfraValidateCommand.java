package dev.landfall.cli.command;

import dev.landfall.cli.LandfallCommand;
import dev.landfall.cli.option.SpecOptions;
import dev.landfall.cli.option.VerbosityOptions;
import dev.landfall.infra.spec.RegionSpec;
import dev.landfall.infra.spec.ServiceSpec;
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
            "Parses and validates the spec without writing anything. An error names the file,",
            "line and column and the fix, and exits 2.",
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
        ServiceSpec parsed = spec.service();
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
