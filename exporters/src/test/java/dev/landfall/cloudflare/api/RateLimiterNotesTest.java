package dev.landfall.cloudflare.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.landfall.core.time.FakeClock;
import dev.landfall.core.time.FakeSleeper;
import dev.landfall.core.time.RequestBudget;
import dev.landfall.core.time.Sleeper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import okhttp3.Headers;
import org.junit.jupiter.api.Test;

/** What the limiter tells the operator about its holds, on a fake clock: nothing sleeps for real. */
class RateLimiterNotesTest {
    private final FakeClock clock = new FakeClock();
    private final FakeSleeper sleeper = new FakeSleeper(clock);
    private final List<String> notes = Collections.synchronizedList(new ArrayList<>());

    private RateLimiter limiter(String budget, Sleeper sleeper) {
        return new RateLimiter(RequestBudget.parse(budget), Duration.ZERO, clock, sleeper, notes::add);
    }

    private static void spend(RateLimiter l, int n) throws InterruptedException {
        for (int i = 0; i < n; i++) {
            l.acquire();
            l.release();
        }
    }

    @Test
    void aLongHoldIsAnnouncedWithTheTimeLeftAndWhyThenAgainEveryThirtySeconds() throws InterruptedException {
        RateLimiter l = limiter("100/2m", sleeper);
        spend(l, 100);
        assertEquals(List.of(), notes, "a budget not yet spent holds nothing");
        l.acquire();
        // 2m plus its 1% margin is 121.2 s, rounded up; then the hold is told again as it goes on.
        assertEquals(
                List.of(
                        "waiting 122 s for the API budget (100/2m: 100 requests in the last 2m; lower --api-budget"
                                + " to leave room for other users of the token)",
                        "still waiting 92 s for the API budget (100/2m: 100 requests in the last 2m; lower"
                                + " --api-budget to leave room for other users of the token)",
                        "still waiting 62 s for the API budget (100/2m: 100 requests in the last 2m; lower"
                                + " --api-budget to leave room for other users of the token)",
                        "still waiting 32 s for the API budget (100/2m: 100 requests in the last 2m; lower"
                                + " --api-budget to leave room for other users of the token)"),
                notes,
                "the last 1.2 s are short enough to pass unsaid");
        assertTrue(
                sleeper.sleeps().stream().allMatch(d -> d.compareTo(RateLimiter.ANNOUNCE_EVERY) <= 0),
                "no single sleep outlasts the next announcement: " + sleeper.sleeps());
        assertEquals(Duration.ofMillis(121_200), l.throttled(), "the slices add up to the hold");
    }

    @Test
    void shortHoldsPassUnannounced() throws InterruptedException {
        RateLimiter l = limiter("5/1s", sleeper);
        spend(l, 60);
        assertTrue(sleeper.total().compareTo(Duration.ofSeconds(10)) > 0, "it did wait: " + sleeper.total());
        assertEquals(List.of(), notes, "each hold was 1.02 s at most");
    }

    @Test
    void manyThreadsMeetingOneHoldAnnounceItOnce() throws Exception {
        GateSleeper gate = new GateSleeper(clock);
        RateLimiter l = limiter("4/1m", gate);
        spend(l, 4);
        int threads = 4;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> sent = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                sent.add(pool.submit(() -> {
                    l.acquire();
                    l.release();
                    return null;
                }));
            }
            assertTrue(gate.started.tryAcquire(threads, 30, TimeUnit.SECONDS), "every thread waits for the budget");
            assertEquals(1, notes.size(), "one hold, one note, whatever the threads: " + notes);
            assertTrue(notes.get(0).startsWith("waiting 61 s for the API budget (4/1m: 4 requests"), notes.get(0));
            gate.open();
            for (Future<?> f : sent) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void a429PauseIsAnnouncedOnceWithItsCause() throws InterruptedException {
        RateLimiter l = limiter("1200/5m", sleeper);
        l.pause(Duration.ofSeconds(60));
        l.pause(Duration.ofSeconds(60)); // the same lockout, answered to another request in flight
        l.pause(Duration.ofMillis(500));
        assertEquals(
                List.of("waiting 60 s for the API budget (Cloudflare answered 429 Too Many Requests: the token's"
                        + " limit is spent; lower --api-budget if other clients use the token)"),
                notes);
        notes.clear();
        l.acquire();
        assertEquals(
                List.of("still waiting 30 s for the API budget (Cloudflare answered 429 Too Many Requests: the"
                        + " token's limit is spent; lower --api-budget if other clients use the token)"),
                notes,
                "the requests held by the pause add only the progress line");
        assertTrue(clock.millis() >= 60_000, "and they did wait for Retry-After");
    }

    @Test
    void aShort429PauseIsNotAnnounced() throws InterruptedException {
        RateLimiter l = limiter("1200/5m", sleeper);
        l.pause(Duration.ofSeconds(1));
        l.acquire();
        assertEquals(List.of(), notes);
    }

    @Test
    void aHoldForAnotherClientOfTheTokenSaysSo() throws InterruptedException {
        RateLimiter l = limiter("100/10s", sleeper);
        spend(l, 1);
        l.observe(Headers.of("Ratelimit", "\"default\";r=0;t=40", "Ratelimit-Policy", "\"default\";q=100;w=10"));
        l.acquire();
        assertEquals(1 + 1, notes.size(), "40 s: the hold and one progress line: " + notes);
        assertTrue(
                notes.get(0)
                        .startsWith("waiting 41 s for the API budget (Cloudflare's rate-limit headers say"
                                + " the token has no requests left"),
                notes.get(0));
        assertTrue(notes.get(0).contains("something else spends this token"), notes.get(0));
    }

    /** Holds every sleeper until opened (so several threads sit in one hold), then moves the clock. */
    private static final class GateSleeper implements Sleeper {
        final Semaphore started = new Semaphore(0);
        private final CountDownLatch opened = new CountDownLatch(1);
        private final FakeClock clock;

        GateSleeper(FakeClock clock) {
            this.clock = clock;
        }

        void open() {
            clock.advance(Duration.ofMinutes(2));
            opened.countDown();
        }

        @Override
        public void sleep(Duration d) throws InterruptedException {
            if (opened.getCount() > 0) {
                started.release();
                opened.await();
            } else {
                clock.advance(d);
            }
        }
    }
}
