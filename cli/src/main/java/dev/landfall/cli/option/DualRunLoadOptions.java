package dev.landfall.cli.option;

import dev.landfall.verify.latency.DualRunConfig;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code --rate} and {@code --connections}: the load of a dual run, for every command that runs
 * one ({@code verify latency}, {@code cutover}). Parsed and checked once, when the command line is
 * read; the rate has no picocli default because each command keeps its own.
 */
public final class DualRunLoadOptions {
    /** The default number of connections per endpoint. */
    public static final int DEFAULT_CONNECTIONS = 16;

    @Option(
            names = "--rate",
            paramLabel = "N/s",
            converter = RateConverter.class,
            description = "Request pairs per second, written N or N/s, e.g. 500 or 500/s (default: 100 for verify"
                    + " latency, 50 during a cutover bake).")
    Double rate;

    @Option(
            names = "--connections",
            paramLabel = "N",
            defaultValue = "" + DEFAULT_CONNECTIONS,
            converter = ConnectionsConverter.class,
            description = "Connections per endpoint (default: ${DEFAULT-VALUE}).")
    int connections = DEFAULT_CONNECTIONS;

    /** The rate given, or the command's default when {@code --rate} is absent. */
    public double rate(double commandDefault) {
        return rate == null ? commandDefault : rate;
    }

    /** Connections per endpoint, 1 to {@link DualRunConfig#MAX_CONNECTIONS}. */
    public int connections() {
        return connections;
    }

    /** {@code N} or {@code N/s}, above 0 and at most 1,000,000 pairs per second. */
    public static final class RateConverter implements ITypeConverter<Double> {
        private static final Pattern RATE = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)(?:/s)?");

        @Override
        public Double convert(String text) {
            Matcher m = RATE.matcher(text.strip());
            double v = m.matches() ? Double.parseDouble(m.group(1)) : -1;
            if (v <= 0 || v > 1_000_000) {
                throw new TypeConversionException("--rate " + text
                        + " is not a rate above 0 and at most 1000000 (for example --rate 500 or 500/s)");
            }
            return v;
        }
    }

    /** A whole number of connections within {@link DualRunConfig#MAX_CONNECTIONS}. */
    public static final class ConnectionsConverter implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String text) {
            int n;
            try {
                n = Integer.parseInt(text.strip());
            } catch (NumberFormatException e) {
                n = -1;
            }
            if (n < 1 || n > DualRunConfig.MAX_CONNECTIONS) {
                throw new TypeConversionException(
                        "--connections " + text + " is out of range (use 1.." + DualRunConfig.MAX_CONNECTIONS + ")");
            }
            return n;
        }
    }
}
