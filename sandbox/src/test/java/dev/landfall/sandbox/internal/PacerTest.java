package dev.landfall.sandbox.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The writer's pace: N a second on the clock given, never a catch-up storm. */
class PacerTest {
    @Test
    void owesNASecondSpreadOverTheSecond() {
        Pacer p = new Pacer(200, 1_000);
        assertEquals(0, p.due(1_000));
        assertEquals(2, p.due(1_010));
        assertEquals(0, p.due(1_010), "what was due is not owed twice");
        assertEquals(1, p.due(1_017));
        int total = 2 + 1;
        for (long t = 1_020; t <= 2_000; t += 10) {
            total += p.due(t);
        }
        assertEquals(200, total, "200 in the first second");
        assertFalse(p.fellBehind());
    }

    @Test
    void slowRatesWriteWholeWritesOnly() {
        Pacer p = new Pacer(3, 0);
        assertEquals(0, p.due(333));
        assertEquals(1, p.due(334));
        assertEquals(0, p.due(666));
        assertEquals(1, p.due(667));
    }

    @Test
    void aStallDropsTheBacklogBeyondATenthOfASecondAndSaysSo() {
        Pacer p = new Pacer(1_000, 0);
        assertEquals(10, p.due(10));
        assertEquals(100, p.due(5_010), "five seconds late: a tenth of a second's worth, not 5,000");
        assertTrue(p.fellBehind());
        assertEquals(10, p.due(5_020), "then the rate again, owing nothing");
    }

    @Test
    void aClockThatStepsBackOwesNothingAndGoesOn() {
        Pacer p = new Pacer(100, 10_000);
        assertEquals(10, p.due(10_100));
        assertEquals(0, p.due(5_000));
        assertEquals(10, p.due(5_100));
    }

    @Test
    void restartForgetsAPause() {
        Pacer p = new Pacer(100, 0);
        assertEquals(10, p.due(100));
        p.restart(60_000);
        assertEquals(1, p.due(60_010));
        assertFalse(p.fellBehind());
    }
}
