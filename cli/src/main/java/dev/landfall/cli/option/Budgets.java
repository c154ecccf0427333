package dev.landfall.cli.option;

import dev.landfall.core.error.LandfallException;
import dev.landfall.core.time.RequestBudget;

/** {@code --api-budget N/WINDOW}: the request budget every Cloudflare-reading command takes. */
public final class Budgets {
    private Budgets() {}

    /**
     * Parses the flag; a budget must limit something.
     *
     * @throws LandfallException USAGE naming {@code --api-budget} and the fix
     */
    public static RequestBudget parse(String text) {
        try {
            RequestBudget budget = RequestBudget.parse(text);
            if (budget.unlimited()) {
                throw LandfallException.usage(
                        "'" + text + "': reading Cloudflare needs a budget", "give N/WINDOW, e.g. 1200/300s");
            }
            return budget;
        } catch (LandfallException e) {
            throw LandfallException.usage(
                    "--api-budget " + e.getMessage(), e.hint().orElse(null));
        }
    }
}
