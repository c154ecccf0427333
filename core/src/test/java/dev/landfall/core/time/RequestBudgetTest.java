package dev.landfall.core.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.landfall.core.error.ErrorKind;
import dev.landfall.core.error.LandfallException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RequestBudgetTest {

    @ParameterizedTest
    @CsvSource({
        "1200/300s,1200,300000,1200/5m",
        "600/10s,600,10000,600/10s",
        "1200/5m,1200,300000,1200/5m",
        "50/500ms,50,500,50/500ms",
        "10/s,10,1000,10/1s",
        "7/1h,7,3600000,7/1h",
        "' 40 / 2s ',40,2000,40/2s",
        "1_200/5M,1200,300000,1200/5m"
    })
    void parsesRequestsPerWindow(String text, int requests, long windowMillis, String spec) {
        RequestBudget b = RequestBudget.parse(text);
        assertEquals(requests, b.requests());
        assertEquals(Duration.ofMillis(windowMillis), b.window());
        assertEquals(spec, b.spec());
        assertEquals(b, RequestBudget.parse(b.spec()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"off", "OFF", "unlimited", "none"})
    void offIsTheUnlimitedSentinel(String text) {
        RequestBudget b = RequestBudget.parse(text);
        assertTrue(b.unlimited());
        assertEquals(RequestBudget.UNLIMITED, b);
        assertEquals("off", b.spec());
    }

    @Test
    void cloudflareDefault() {
        assertEquals(RequestBudget.parse("1200/300s"), RequestBudget.CLOUDFLARE_DEFAULT);
    }

    @Test
    void errorsQuoteTheTextAndHintAtTheForm() {
        LandfallException e = bad("600/10x");
        assertTrue(e.getMessage().startsWith("'600/10x': WINDOW"), e.getMessage());
        assertTrue(e.hint().orElseThrow().contains("1200/5m"), e.hint().orElseThrow());
        assertTrue(bad("many/10s").getMessage().startsWith("'many/10s': REQUESTS must be a whole number"));
        assertTrue(bad("600").getMessage().contains("expected REQUESTS/WINDOW"));
        assertTrue(bad("0/10s").getMessage().contains("between 1"));
        assertTrue(bad("5/0s").getMessage().contains("at least 1ms"));
        assertTrue(bad("5/10").getMessage().contains("needs a unit"));
        assertTrue(bad("99999999999/1s").getMessage().contains("between 1"));
        assertEquals("'': a value is required", bad("").getMessage());
        assertEquals("'': a value is required", bad(null).getMessage());
    }

    @Test
    void constructorRejectsNonsense() {
        assertThrows(IllegalArgumentException.class, () -> new RequestBudget(0, Duration.ofSeconds(1)));
        assertThrows(IllegalArgumentException.class, () -> new RequestBudget(5, Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> new RequestBudget(-1, Duration.ofSeconds(1)));
    }

    private static LandfallException bad(String text) {
        LandfallException e = assertThrows(LandfallException.class, () -> RequestBudget.parse(text));
        assertEquals(ErrorKind.USAGE, e.kind());
        assertTrue(e.hint().isPresent());
        return e;
    }
}
