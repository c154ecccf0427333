package dev.landfall.infra.cutover;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PollCadenceTest {
    @Test
    void startsAtOneSecondAndDoublesToTenAtMost() {
        PollCadence cadence = new PollCadence();
        List<Long> seconds = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            seconds.add(cadence.next().toSeconds());
        }
        assertEquals(List.of(1L, 2L, 4L, 8L, 10L, 10L, 10L), seconds);
    }

    @Test
    void eachWaitStartsAfresh() {
        PollCadence first = new PollCadence();
        first.next();
        first.next();
        assertEquals(Duration.ofSeconds(1), new PollCadence().next());
    }
}
