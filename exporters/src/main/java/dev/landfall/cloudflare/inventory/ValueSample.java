package dev.landfall.cloudflare.inventory;

import dev.landfall.cloudflare.api.BulkGetResult;
import dev.landfall.cloudflare.kv.ExactText;
import java.util.List;
import java.util.Optional;

/**
 * What bulk gets of keys spread evenly over a KV namespace said about its values ({@code
 * --count-keys}): of the values they returned, how many an export must read again one by one,
 * because bulk get cannot return them exactly as text ({@link ExactText}: binary values) or did
 * not answer for them. The estimate extrapolates that share to the namespace.
 *
 * @param requests bulk gets it took
 * @param asked keys asked for
 * @param everyKey whether they were every key of the namespace (the count is then exact)
 * @param values values returned; a key deleted since it was listed comes back null and is left out
 * @param readAlone of those, values an export reads again with one request each
 * @param failure why the sample holds nothing (bulk get refused it with a 400 or a 413), or null
 */
public record ValueSample(int requests, int asked, boolean everyKey, int values, int readAlone, String failure) {
    public ValueSample {
        if (requests < 1 || asked < 1 || values < 0 || values > asked || readAlone < 0 || readAlone > values) {
            throw new IllegalArgumentException(
                    "a sample of " + asked + " with " + values + " values, " + readAlone + " read alone");
        }
    }

    /** The sample one bulk get's {@code answer} makes of {@code keys}. */
    static ValueSample of(List<String> keys, boolean everyKey, BulkGetResult answer) {
        if (answer instanceof BulkGetResult.Values v) {
            int values = 0;
            int alone = 0;
            for (String k : keys) {
                Optional<String> value = v.values().get(k);
                if (value == null) {
                    // Not answered at all: the export reads it alone too.
                    values++;
                    alone++;
                } else if (value.isPresent()) {
                    values++;
                    if (!ExactText.exact(value.get())) {
                        alone++;
                    }
                }
            }
            return new ValueSample(1, keys.size(), everyKey, values, alone, null);
        }
        String failure = answer instanceof BulkGetResult.TooLarge
                ? "the sampled values exceed 25 MB together (413); the export halves such batches"
                : "bulk get refused the sample (400), as Cloudflare may for a batch holding a value that is not"
                        + " text; the export then halves such batches down to single reads";
        return new ValueSample(1, keys.size(), everyKey, 0, 0, failure);
    }

    /** This sample and {@code next} (of other keys of the same namespace) as one; a failure taints both. */
    ValueSample plus(ValueSample next) {
        String f = failure != null ? failure : next.failure;
        return new ValueSample(
                requests + next.requests,
                asked + next.asked,
                everyKey && next.everyKey,
                f == null ? values + next.values : 0,
                f == null ? readAlone + next.readAlone : 0,
                f);
    }

    /** Whether it tells anything: it returned values. */
    public boolean usable() {
        return failure == null && values > 0;
    }

    /** The share of returned values read alone, 0..1; 0 when not {@link #usable()}. */
    public double share() {
        return usable() ? (double) readAlone / values : 0;
    }
}
