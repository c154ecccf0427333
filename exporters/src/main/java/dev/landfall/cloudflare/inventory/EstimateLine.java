package dev.landfall.cloudflare.inventory;

import java.util.Objects;

/**
 * One line of the export-time arithmetic.
 *
 * @param what what it counts ({@code kv SESSIONS}, {@code namespace list}, …)
 * @param requests API requests it costs (a lower bound when key counts are unknown)
 * @param arithmetic how the number was reached, for a person to check
 */
public record EstimateLine(String what, long requests, String arithmetic) {
    public EstimateLine {
        Objects.requireNonNull(what, "what");
        Objects.requireNonNull(arithmetic, "arithmetic");
    }
}
