package dev.landfall.cli.option;

import dev.landfall.core.error.LandfallException;
import dev.landfall.core.time.RequestBudget;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code --api-budget N/WINDOW}, the Cloudflare request budget of every command that calls the
 * API: parsed and checked once, when the command line is read.
 */
public final class ApiBudgetOptions {
    @Option(
            names = "--api-budget",
            paramLabel = "N/WINDOW",
            defaultValue = "1200/300s",
            converter = BudgetConverter.class,
            description = "Stay under N Cloudflare API requests in any WINDOW, e.g. 1200/300s or 600/10s (default:"
                    + " ${DEFAULT-VALUE}, Cloudflare's). Lower it to leave room for other users of the token.")
    RequestBudget budget = RequestBudget.CLOUDFLARE_DEFAULT;

    /** The budget given, or Cloudflare's default. */
    public RequestBudget budget() {
        return budget;
    }

    /** Parses {@code N/WINDOW}; a budget must limit something. */
    public static final class BudgetConverter implements ITypeConverter<RequestBudget> {
        @Override
        public RequestBudget convert(String text) {
            try {
                return Budgets.parse(text);
            } catch (LandfallException e) {
                throw new TypeConversionException(
                        e.getMessage() + e.hint().map(h -> " (" + h + ")").orElse(""));
            }
        }
    }
}
