package dev.landfall.core.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationLabelTest {
    @Test
    void wholeUnitsLargestFirst() {
        assertEquals("0s", DurationLabel.of(Duration.ZERO));
        assertEquals("45s", DurationLabel.of(Duration.ofSeconds(45)));
        assertEquals("2m 5s", DurationLabel.of(Duration.ofSeconds(125)));
        assertEquals("45m", DurationLabel.of(Duration.ofMinutes(45)));
        assertEquals("1h 18m", DurationLabel.of(Duration.ofSeconds(4_700)), "no seconds past an hour");
        assertEquals("2h", DurationLabel.of(Duration.ofHours(2).plusSeconds(5)));
    }

    @Test
    void secondsWithOneDecimal() {
        assertEquals("12.3s", DurationLabel.seconds(Duration.ofMillis(12_345)));
        assertEquals("0.0s", DurationLabel.seconds(Duration.ZERO));
    }
}
