package dev.landfall.cli.option;

import dev.landfall.infra.spec.ServiceSpec;
import dev.landfall.infra.spec.SpecParser;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --spec FILE}: the service spec of every command that reads one (docs/landfall-yaml.md). */
public final class SpecOptions {
    @Option(
            names = "--spec",
            paramLabel = "FILE",
            defaultValue = "landfall.yaml",
            description = "The service spec (default: ${DEFAULT-VALUE}).")
    Path spec = Path.of("landfall.yaml");

    /** The spec file given (or the default). */
    public Path path() {
        return spec;
    }

    /**
     * Reads and checks the spec.
     *
     * @throws dev.landfall.core.error.LandfallException USAGE naming the file, line and column
     */
    public ServiceSpec service() {
        return SpecParser.parse(spec);
    }
}
