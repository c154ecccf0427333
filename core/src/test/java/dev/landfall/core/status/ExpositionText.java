package dev.landfall.core.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the Prometheus text exposition format (version 0.0.4) strictly enough to fail a test on a
 * malformed line: the client library has no parser, so this checks the grammar line by line. Only
 * what Landfall's meters use is accepted: no timestamps, and one label, {@code le}, only on a
 * histogram's {@code _bucket} samples.
 */
final class ExpositionText {
    private static final String NAME = "[a-zA-Z_:][a-zA-Z0-9_:]*";
    private static final Pattern HELP = Pattern.compile("# HELP (" + NAME + ") (.+)");
    private static final Pattern TYPE =
            Pattern.compile("# TYPE (" + NAME + ") (counter|gauge|histogram|summary|untyped)");
    private static final Pattern SAMPLE =
            Pattern.compile("(" + NAME + ")(\\{le=\"(?:[0-9.]+(?:[eE][-+]?[0-9]+)?|\\+Inf)\"\\})?"
                    + " ([-+]?(?:[0-9]+(?:\\.[0-9]*)?(?:[eE][-+]?[0-9]+)?|NaN|Inf))");

    /** Each family's type, in order. */
    final Map<String, String> types = new LinkedHashMap<>();
    /** Each family's help. */
    final Map<String, String> helps = new LinkedHashMap<>();
    /** Each sample's value. */
    final Map<String, Double> samples = new LinkedHashMap<>();

    private ExpositionText() {}

    static ExpositionText parse(String text) {
        assertTrue(text.endsWith("\n"), "the last line ends with a newline");
        ExpositionText parsed = new ExpositionText();
        String family = null;
        for (String line : text.substring(0, text.length() - 1).split("\n", -1)) {
            Matcher m;
            if ((m = HELP.matcher(line)).matches()) {
                family = m.group(1);
                assertEquals(null, parsed.helps.put(family, m.group(2)), "one HELP per family: " + line);
            } else if ((m = TYPE.matcher(line)).matches()) {
                assertEquals(family, m.group(1), "TYPE follows the HELP of its family: " + line);
                parsed.types.put(m.group(1), m.group(2));
            } else if ((m = SAMPLE.matcher(line)).matches()) {
                String name = m.group(1);
                String type = parsed.types.get(family);
                if (type == null) {
                    fail("a sample before its family's TYPE: " + line);
                }
                Set<String> allowed = switch (type) {
                    case "counter" -> Set.of(family, family + "_total");
                    case "histogram" -> Set.of(family + "_bucket", family + "_count", family + "_sum");
                    default -> Set.of(family);
                };
                assertEquals(
                        name.endsWith("_bucket") && type.equals("histogram"),
                        m.group(2) != null,
                        "an le label exactly on a histogram's buckets: " + line);
                assertTrue(allowed.contains(name), "sample " + name + " outside its family " + family);
                if (type.equals("counter")) {
                    assertTrue(name.endsWith("_total"), "a counter's sample ends in _total: " + line);
                }
                String sample = name + (m.group(2) == null ? "" : m.group(2));
                assertEquals(null, parsed.samples.put(sample, value(m.group(3))), "one sample per name: " + line);
            } else {
                fail("not a line of the text format: '" + line + "'");
            }
        }
        return parsed;
    }

    private static double value(String text) {
        return switch (text) {
            case "NaN" -> Double.NaN;
            case "+Inf", "Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(text);
        };
    }
}
