package dev.landfall.verify.latency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.landfall.core.error.LandfallException;
import dev.landfall.verify.latency.slo.Slo;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A cutover bake warms up for a tenth of its length, at most 30 s, and measures the rest. */
class DualRunConfigBakeTest {
    private static final URI OLD = URI.create("http://127.0.0.1:1");
    private static final URI NEW = URI.create("http://127.0.0.1:2");

    private static DualRunConfig bake(double rate, Duration bake) {
        return DualRunConfig.forBake(OLD, NEW, rate, 8, Slo.parse(Slo.DEFAULT), List.of(), bake);
    }

    @Test
    void warmsUpForATenthAtMostThirtySeconds() {
        DualRunConfig shortBake = bake(50, Duration.ofSeconds(60));
        assertEquals(Duration.ofSeconds(6), shortBake.warmup());
        assertEquals(Duration.ofSeconds(54), shortBake.duration());
        DualRunConfig longBake = bake(50, Duration.ofMinutes(10));
        assertEquals(Duration.ofSeconds(30), longBake.warmup());
        assertEquals(Duration.ofSeconds(570), longBake.duration());
        assertEquals(8, longBake.connections());
    }

    @Test
    void refusesABakeThatSendsNothing() {
        LandfallException e = assertThrows(LandfallException.class, () -> bake(0.5, Duration.ofSeconds(1)));
        assertEquals(2, e.exitCode());
        assertTrue(e.getMessage().contains("sends no request"), e.getMessage());
    }
}
