package dev.landfall.cli.option;

import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * {@code --format text|md|json|html} and {@code --out FILE}: how a command's report is rendered and
 * where it goes. One syntax for every command that renders a report.
 */
public final class ReportOptions {
    @Option(
            names = "--format",
            paramLabel = "FORMAT",
            defaultValue = "text",
            converter = ReportFormat.Converter.class,
            description = "The report's form: text (default), md (for a pull request), json (one document, see the"
                    + " guide) or html (one self-contained file).")
    ReportFormat format = ReportFormat.TEXT;

    @Option(
            names = "--out",
            paramLabel = "FILE",
            description = "Write the report to FILE (atomically) instead of stdout.")
    Path out;

    /** The chosen form. */
    public ReportFormat format() {
        return format;
    }

    /** The file to write the report to, if given; stdout otherwise. */
    public Optional<Path> out() {
        return Optional.ofNullable(out);
    }
}
