package dev.landfall.cli.option;

import dev.landfall.core.text.VisibleText;
import dev.landfall.infra.spec.ServiceSpec;
import dev.landfall.infra.spec.SpecCheck;
import dev.landfall.infra.spec.SpecParser;
import dev.landfall.infra.spec.SpecProblem;
import java.io.PrintStream;
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

    /**
     * Reads and checks the spec, printing its warnings to {@code err} (they do not stop the run).
     *
     * @throws dev.landfall.core.error.LandfallException USAGE listing every error, each with file,
     *     line, column and fix
     */
    public SpecCheck check(PrintStream err) {
        SpecCheck check = SpecParser.check(spec);
        for (SpecProblem warning : check.warnings()) {
            // A warning quotes the spec's own values (an image reference, say): shown escaped.
            err.println("warning: " + VisibleText.of(warning.located()));
            err.println("  fix: " + VisibleText.of(warning.fix()));
        }
        return check;
    }
}
