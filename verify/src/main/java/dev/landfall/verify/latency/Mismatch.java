package dev.landfall.verify.latency;

import dev.landfall.verify.latency.parity.Difference;
import java.util.List;
import java.util.Objects;

/**
 * A request whose two answers differ (ignored and noisy paths aside), with its first differences.
 *
 * @param index the request's number in the run, from 0
 * @param request {@code METHOD /path}
 */
public record Mismatch(
        long index, String request, int baselineStatus, int candidateStatus, List<Difference> differences) {
    public Mismatch {
        Objects.requireNonNull(request, "request");
        differences = List.copyOf(differences);
    }
}
