package dev.landfall.infra.cutover;

import java.time.Duration;
import java.util.Objects;

/**
 * The share of requests the edge-split Worker sends to the new backend: the {@link DialValue} in
 * the Worker's KV namespace. A change is written through the API, read back, and then given {@link
 * #PROPAGATION} to reach every edge location, since the Worker caches the key for that long; only
 * then does the bake start. Each step changes percent and shadow only (and turns the read split on,
 * in that mode), so where writes go, set by the migration's switch, stays as it is.
 */
public final class EdgeSplit implements TrafficControl {
    /** How long the Worker may keep reading an old dial (its KV cacheTtl). */
    public static final Duration PROPAGATION = Duration.ofSeconds(60);

    private final DialKey key;
    private final double shadowPercent;
    private final boolean readSplit;
    private final CallJournal journal;
    private final Pause pause;
    private final Duration propagation;

    /** The split of every request, as before the read split existed. */
    public EdgeSplit(DialKey key, double shadowPercent, CallJournal journal, Pause pause, Duration propagation) {
        this(key, shadowPercent, false, journal, pause, propagation);
    }

    /**
     * @param readSplit whether each step also turns the read split on ({@code "split":true}: the
     *     percentage moves reads only); false leaves it as the key has it
     */
    public EdgeSplit(
            DialKey key,
            double shadowPercent,
            boolean readSplit,
            CallJournal journal,
            Pause pause,
            Duration propagation) {
        this.key = Objects.requireNonNull(key, "key");
        this.shadowPercent = shadowPercent;
        this.readSplit = readSplit;
        this.journal = Objects.requireNonNull(journal, "journal");
        this.pause = Objects.requireNonNull(pause, "pause");
        this.propagation = Objects.requireNonNull(propagation, "propagation");
    }

    @Override
    public String label() {
        return readSplit ? "edge read split" : "edge split";
    }

    @Override
    public double current() {
        journal.read("kv:read", key.describe());
        return key.dial().percent();
    }

    @Override
    public void set(double percent) {
        journal.read("kv:read", key.describe());
        DialValue now = DialValue.orEmpty(key.read());
        DialValue next = (readSplit ? now.withSplit(true) : now).withTraffic(percent, shadowPercent);
        journal.write("kv:write", key.describe() + " = " + next);
        if (journal.isDryRun()) {
            return;
        }
        key.replace(next);
        journal.note("wait " + propagation.toSeconds() + " s for the dial to reach every edge location");
        pause.sleep(propagation);
    }

    /** The key's value for a dial of {@code percent}, with {@code shadow} percent mirrored. */
    public static byte[] dialJson(double percent, double shadow) {
        return DialValue.EMPTY.withTraffic(percent, shadow).toJson();
    }
}
