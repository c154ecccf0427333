package dev.landfall.cli.option;

import dev.landfall.core.error.LandfallException;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;

/** {@code --format text|md|json|html} of the reports. */
public enum ReportFormat {
    TEXT,
    MD,
    JSON,
    HTML;

    /** Parses the flag's value. */
    public static final class Converter implements ITypeConverter<ReportFormat> {
        @Override
        public ReportFormat convert(String value) {
            return switch (value.toLowerCase(Locale.ROOT)) {
                case "text" -> TEXT;
                case "md", "markdown" -> MD;
                case "json" -> JSON;
                case "html" -> HTML;
                default ->
                    throw LandfallException.usage(
                            "--format " + value + " is not a format", "use text (default), md, json or html");
            };
        }
    }
}
