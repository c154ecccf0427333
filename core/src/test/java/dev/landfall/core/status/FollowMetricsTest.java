package dev.landfall.core.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.landfall.core.time.FakeClock;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class FollowMetricsTest {
    private final FakeClock clock = new FakeClock(Instant.parse("2026-03-01T12:00:00Z"));
    private final Metrics metrics = new Metrics();
    private final FollowMetrics follow = new FollowMetrics(metrics, clock);

    private ExpositionText scrape() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        metrics.writeTo(out);
        return ExpositionText.parse(out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void everyMeterIsServedWithHelpAndTypeFromTheStart() throws IOException {
        ExpositionText text = scrape();
        assertEquals("counter", text.types.get("landfall_follow_changes_applied_total"));
        assertEquals("counter", text.types.get("landfall_follow_batches_applied_total"));
        assertEquals("counter", text.types.get("landfall_follow_errors_total"));
        assertEquals("gauge", text.types.get("landfall_follow_lag_changes"));
        assertEquals("gauge", text.types.get("landfall_follow_lag_seconds"));
        assertEquals("gauge", text.types.get("landfall_follow_last_applied_timestamp_seconds"));
        assertEquals(text.types.keySet(), text.helps.keySet());
        assertEquals(0.0, text.samples.get("landfall_follow_changes_applied_total"));
        assertEquals(0.0, text.samples.get("landfall_follow_errors_total"));
    }

    @Test
    void lagIsNotANumberUntilFirstMeasuredSoNothingClaimsToBeCaughtUp() throws IOException {
        ExpositionText before = scrape();
        assertTrue(before.samples.get("landfall_follow_lag_changes").isNaN());
        assertTrue(before.samples.get("landfall_follow_lag_seconds").isNaN());
        assertTrue(before.samples
                .get("landfall_follow_last_applied_timestamp_seconds")
                .isNaN());

        follow.lag(42, Duration.ofMillis(1_500));
        ExpositionText after = scrape();
        assertEquals(42.0, after.samples.get("landfall_follow_lag_changes"));
        assertEquals(1.5, after.samples.get("landfall_follow_lag_seconds"));

        follow.lag(0, Duration.ZERO);
        assertEquals(0.0, scrape().samples.get("landfall_follow_lag_changes"), "a gauge goes down too");
    }

    @Test
    void appliedCountsChangesAndBatchesAndStampsTheTime() throws IOException {
        follow.applied(500);
        clock.advance(Duration.ofSeconds(3));
        follow.applied(0);
        follow.applied(7);
        ExpositionText text = scrape();
        assertEquals(507.0, text.samples.get("landfall_follow_changes_applied_total"));
        assertEquals(3.0, text.samples.get("landfall_follow_batches_applied_total"));
        assertEquals((double) clock.epochSecond(), text.samples.get("landfall_follow_last_applied_timestamp_seconds"));
    }

    @Test
    void countersOnlyGoUp() throws IOException {
        follow.applied(10);
        follow.failed();
        follow.failed();
        assertThrows(IllegalArgumentException.class, () -> follow.applied(-3));
        assertThrows(IllegalArgumentException.class, () -> follow.lag(-1, Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> follow.lag(1, Duration.ofSeconds(-1)));
        ExpositionText text = scrape();
        assertEquals(10.0, text.samples.get("landfall_follow_changes_applied_total"), "the refused decrement left it");
        assertEquals(1.0, text.samples.get("landfall_follow_batches_applied_total"));
        assertEquals(2.0, text.samples.get("landfall_follow_errors_total"));
    }

    @Test
    void aSecondSetOnTheSameMetricsIsRefusedRatherThanCountedUnseen() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> new FollowMetrics(metrics, clock));
        assertTrue(e.getMessage().contains("landfall_follow_"), e.getMessage());
    }

    @Test
    void separateMetricsDoNotShareMeters() throws IOException {
        Metrics other = new Metrics();
        new FollowMetrics(other, clock).applied(99);
        follow.applied(1);
        assertEquals(1.0, scrape().samples.get("landfall_follow_changes_applied_total"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        other.writeTo(out);
        assertEquals(
                99.0,
                ExpositionText.parse(out.toString(StandardCharsets.UTF_8))
                        .samples
                        .get("landfall_follow_changes_applied_total"));
    }

    @Test
    void theParserRejectsMalformedLines() {
        for (String bad : List.of(
                "x_total 1\n",
                "# TYPE x counter\nx_total 1\n",
                "# HELP x h\n# TYPE x counter\nx 1\n",
                "# HELP x h\n# TYPE x gauge\nx one\n",
                "# HELP x h\n# TYPE x gauge\nx 1")) {
            assertThrows(AssertionError.class, () -> ExpositionText.parse(bad), bad);
        }
    }
}
