package dev.landfall.core.status;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.landfall.core.report.JsonReport;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code /flagz}: the options the process runs with, sorted by name so two reads compare line by
 * line. Values are masked once more: a flag may carry a store URI.
 */
final class FlagzPage {
    private FlagzPage() {}

    static String text(Map<String, String> flags) {
        PageLines lines = new PageLines("landfall flagz");
        sorted(flags).forEach(lines::add);
        return lines.toString();
    }

    static String json(Map<String, String> flags) {
        ObjectNode doc = JsonReport.newDocument();
        ObjectNode out = doc.putObject("flags");
        sorted(flags).forEach((name, value) -> out.put(SecretMask.of(name), SecretMask.of(value)));
        return JsonReport.pretty(doc) + "\n";
    }

    private static Map<String, String> sorted(Map<String, String> flags) {
        return new TreeMap<>(flags);
    }
}
