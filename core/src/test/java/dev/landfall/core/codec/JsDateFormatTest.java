package dev.landfall.core.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class JsDateFormatTest {
    private static final DateTimeFormatter ISO_MILLIS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    @ParameterizedTest
    @CsvSource({
        "0, 1970-01-01T00:00:00.000Z",
        "-1, 1969-12-31T23:59:59.999Z",
        "1704164645678, 2024-01-02T03:04:05.678Z",
        "8640000000000000, +275760-09-13T00:00:00.000Z",
        "-8640000000000000, -271821-04-20T00:00:00.000Z",
        "-62167219200000, 0000-01-01T00:00:00.000Z",
        "-62198755200000, -000001-01-01T00:00:00.000Z",
        "253402300800000, +010000-01-01T00:00:00.000Z",
        "253402300799999, 9999-12-31T23:59:59.999Z",
        "951782400000, 2000-02-29T00:00:00.000Z",
    })
    void formatsAndParsesAsJavaScriptDoes(long millis, String iso) {
        assertEquals(iso, JsDateFormat.format(millis));
        assertEquals(millis, JsDateFormat.parse(iso));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "2024-01-02T03:04:05Z",
                "2024-01-02T03:04:05.67Z",
                "2024-01-02 03:04:05.678Z",
                "2024-01-02T03:04:05.678+01:00",
                "+002024-01-02T03:04:05.678Z",
                "-000000-01-01T00:00:00.000Z",
                "2023-02-29T00:00:00.000Z",
                "2024-00-10T00:00:00.000Z",
                "2024-01-01T24:00:00.000Z",
                "2024-01-01T23:60:00.000Z",
                "2024-01-01T23:59:60.000Z",
                "+275760-09-13T00:00:00.001Z",
                "-271821-04-19T23:59:59.999Z",
                "１９７０-01-01T00:00:00.000Z",
                "2024-01-02T03:04:05.678z",
                "2024-01-02T03:04:05,678Z",
                "2024-1-02T03:04:05.6789Z",
                "2024-01-02T03:04:0a.678Z",
                ""
            })
    void rejectsAnythingToIsoStringWouldNotWrite(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> JsDateFormat.parse(text));
        assertTrue(e.getMessage().startsWith("invalid Date "), e.getMessage());
    }

    @Test
    void agreesWithJavaTimeForYearsZeroTo9999() {
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 10_000; i++) {
            long millis = random.nextLong(-62_167_219_200_000L, 253_402_300_800_000L);
            String iso = JsDateFormat.format(millis);
            assertEquals(ISO_MILLIS.format(Instant.ofEpochMilli(millis)), iso);
            assertEquals(millis, JsDateFormat.parse(iso));
        }
    }
}
