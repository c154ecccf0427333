package dev.landfall.infra.cutover;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.landfall.core.error.LandfallException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * The share of requests the edge-split Worker sends to the new backend: a JSON key {@code
 * {"version":1,"percent":P,"shadow":S}} in the Worker's KV namespace. A change is written through
 * the API, read back, and then given {@link #PROPAGATION} to reach every edge location, since the
 * Worker caches the key for that long; only then does the bake start.
 */
public final class EdgeSplit implements TrafficControl {
    /** How long the Worker may keep reading an old dial (its KV cacheTtl). */
    public static final Duration PROPAGATION = Duration.ofSeconds(60);

    private static final ObjectMapper JSON = new ObjectMapper();

    private final DialKey key;
    private final double shadowPercent;
    private final CallJournal journal;
    private final Pause pause;
    private final Duration propagation;

    public EdgeSplit(DialKey key, double shadowPercent, CallJournal journal, Pause pause, Duration propagation) {
        this.key = Objects.requireNonNull(key, "key");
        this.shadowPercent = shadowPercent;
        this.journal = Objects.requireNonNull(journal, "journal");
        this.pause = Objects.requireNonNull(pause, "pause");
        this.propagation = Objects.requireNonNull(propagation, "propagation");
    }

    @Override
    public String label() {
        return "edge split";
    }

    @Override
    public double current() {
        journal.read("kv:read", key.describe());
        return key.read().map(this::percentOf).orElse(0.0);
    }

    @Override
    public void set(double percent) {
        byte[] value = dialJson(percent, shadowPercent);
        journal.write("kv:write", key.describe() + " = " + new String(value, StandardCharsets.UTF_8));
        if (journal.isDryRun()) {
            return;
        }
        key.write(value);
        Optional<byte[]> back = key.read();
        if (back.isEmpty() || !Arrays.equals(back.get(), value)) {
            throw LandfallException.failed(
                    "the " + label() + " reads back differently after being set to " + Percent.format(percent) + "% ("
                            + key.describe() + ")",
                    "someone else may be writing the key; check it, then rerun with --resume");
        }
        journal.note("wait " + propagation.toSeconds() + " s for the dial to reach every edge location");
        pause.sleep(propagation);
    }

    /** The key's value for a dial of {@code percent}, with {@code shadow} percent mirrored. */
    public static byte[] dialJson(double percent, double shadow) {
        return ("{\"version\":1,\"percent\":" + Percent.format(percent) + ",\"shadow\":" + Percent.format(shadow) + "}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private double percentOf(byte[] value) {
        try {
            JsonNode node = JSON.readTree(value);
            return node.path("percent").asDouble(0);
        } catch (IOException e) {
            throw LandfallException.failed(
                    key.describe() + " does not hold a dial the Worker can read ("
                            + e.getMessage().lines().findFirst().orElse("") + "); the Worker treats it as 0%",
                    "set it with `landfall cutover` rather than by hand");
        }
    }
}
