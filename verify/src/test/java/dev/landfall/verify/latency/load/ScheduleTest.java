package dev.landfall.verify.latency.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ScheduleTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void withoutWarmupPairsAreDueAtAConstantRate() {
        Schedule s = new Schedule(1000, 0, 2 * SECOND);
        assertEquals(2000, s.totalPairs());
        assertEquals(0, s.warmupPairs());
        assertEquals(0, s.dueOffsetNanos(0));
        assertEquals(1_000_000, s.dueOffsetNanos(1));
        assertEquals(SECOND, s.dueOffsetNanos(1000));
    }

    @Test
    void theWarmupRampsFromATenthToTheFullRate() {
        Schedule s = new Schedule(1000, 10 * SECOND, 60 * SECOND);
        // The ramp sends the area under 100 -> 1000 pairs/s over 10 s: 5,500 pairs.
        assertEquals(5500, s.warmupPairs());
        assertEquals(5500 + 60_000, s.totalPairs());
        assertEquals(0, s.dueOffsetNanos(0));
        assertEquals(10 * SECOND, s.dueOffsetNanos(5500), 1e6);
        assertEquals(10 * SECOND + 1_000_000, s.dueOffsetNanos(5501));
        // At the start the gap is 1/100 s; near the end of the ramp 1/1000 s.
        assertEquals(10_000_000, s.dueOffsetNanos(1) - s.dueOffsetNanos(0), 100_000);
        assertEquals(1_000_000, s.dueOffsetNanos(5499) - s.dueOffsetNanos(5498), 50_000);
        for (long i = 1; i < s.totalPairs(); i++) {
            assertTrue(s.dueOffsetNanos(i) >= s.dueOffsetNanos(i - 1), "due times never go back at " + i);
        }
    }

    @Test
    void pairsDueByCountsThoseWhoseTimeHasCome() {
        Schedule s = new Schedule(1000, 10 * SECOND, 60 * SECOND);
        assertEquals(0, s.pairsDueBy(-1));
        assertEquals(1, s.pairsDueBy(0));
        assertEquals(5501, s.pairsDueBy(10 * SECOND + 500_000));
        assertEquals(5502, s.pairsDueBy(10 * SECOND + 1_000_000));
        assertEquals(s.totalPairs(), s.pairsDueBy(Long.MAX_VALUE));
    }
}
