package dev.landfall.serve;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class InFlightRequestsTest {
    private final InFlightRequests inFlight = new InFlightRequests();

    @Test
    void countsRequestsBetweenEnterAndExit() {
        inFlight.enter();
        inFlight.enter();
        inFlight.exit();

        assertThat(inFlight.count()).isEqualTo(1);
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS) // a lost wake-up would wait the hour
    void aDrainWaitingForARequestWakesWhenItExits() throws Exception {
        inFlight.enter();
        AtomicReference<Thread> drainer = new AtomicReference<>();
        CompletableFuture<Boolean> idle = CompletableFuture.supplyAsync(() -> {
            drainer.set(Thread.currentThread());
            try {
                return inFlight.awaitIdle(Duration.ofHours(1));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        // Exit only once the drain is waiting on the monitor, so the wake-up is what ends its wait.
        while (drainer.get() == null || drainer.get().getState() != Thread.State.TIMED_WAITING) {
            Thread.onSpinWait();
        }

        inFlight.exit();

        assertThat(idle.get()).isTrue();
    }

    @Test
    void aDrainGivesUpWhenTheTimeIsUpAndARequestIsStillInFlight() throws InterruptedException {
        inFlight.enter();

        assertThat(inFlight.awaitIdle(Duration.ofMillis(1))).isFalse();
    }

    @Test
    void aDrainWithNothingInFlightIsIdleAtOnce() throws InterruptedException {
        assertThat(inFlight.awaitIdle(Duration.ZERO)).isTrue();
    }
}
