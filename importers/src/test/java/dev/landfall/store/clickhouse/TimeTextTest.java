package dev.landfall.store.clickhouse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class TimeTextTest {
    @Test
    void readsRfc3339AndClickHouseText() {
        assertEquals(
                Instant.parse("2025-11-29T07:00:00Z"),
                TimeText.dateTime("2025-11-29T07:00:00Z").orElseThrow().instant());
        assertEquals(
                Instant.parse("2025-11-29T07:00:00Z"),
                TimeText.dateTime("2025-11-29 07:00:00").orElseThrow().instant());
        assertEquals(
                Instant.parse("2025-11-29T06:00:00.5Z"),
                TimeText.dateTime("2025-11-29T07:00:00.5+01:00").orElseThrow().instant());
        assertEquals(
                Instant.parse("2025-11-29T07:30:00Z"),
                TimeText.dateTime("2025-11-29T07:00:00-0030").orElseThrow().instant());
        assertEquals(
                9,
                TimeText.dateTime("2025-11-29T07:00:00.123456789Z")
                        .orElseThrow()
                        .fractionDigits());
    }

    @Test
    void refusesWhatIsNoTime() {
        for (String s : new String[] {
            "2025-11-29",
            "2025-13-01T00:00:00Z",
            "2025-11-29T07:00:00.Z",
            "2025-11-29T07:00:00 UTC",
            "x025-11-29T07:00:00Z"
        }) {
            assertTrue(TimeText.dateTime(s).isEmpty(), s);
        }
        assertTrue(TimeText.date("2025-02-30").isEmpty());
        assertTrue(TimeText.date("2025-02-28").isPresent());
    }

    @Test
    void epochUnitsAreToldByMagnitude() {
        Instant t = Instant.parse("2025-11-29T07:00:00.123456789Z");
        assertEquals(Instant.ofEpochSecond(t.getEpochSecond()), TimeText.epoch(t.getEpochSecond()));
        assertEquals(Instant.ofEpochMilli(t.toEpochMilli()), TimeText.epoch(t.toEpochMilli()));
        assertEquals(
                Instant.ofEpochSecond(t.getEpochSecond(), 123456000),
                TimeText.epoch(t.getEpochSecond() * 1_000_000 + 123456));
        assertEquals(t, TimeText.epoch(t.getEpochSecond() * 1_000_000_000L + t.getNano()));
    }
}
