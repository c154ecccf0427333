package dev.landfall.cloudflare.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.landfall.core.time.FakeClock;
import dev.landfall.core.time.FakeSleeper;
import dev.landfall.core.time.RequestBudget;
import dev.landfall.core.time.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import okhttp3.Headers;
import org.junit.jupiter.api.Test;

/** The limiter on a fake clock: windows are checked on the exact send times it allowed. */
class RateLimiterTest {
    private final FakeClock fake = new FakeClock();
    private final SendClock clock = new SendClock(fake);
    private final FakeSleeper sleeper = new FakeSleeper(fake);

    /** A clock that remembers, per thread, the last time it told; after acquire() that is the send time. */
    private static final class SendClock extends Clock {
        private final FakeClock fake;
        private final ThreadLocal<Long> last = new ThreadLocal<>();

        SendClock(FakeClock fake) {
            this.fake = fake;
        }

        long lastTold() {
            return last.get();
        }

        @Override
        public long millis() {
            long m = fake.millis();
            last.set(m);
            return m;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis());
        }

        @Override
        public ZoneId getZone() {
            return fake.getZone();
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    private RateLimiter limiter(String budget, Duration margin) {
        return new RateLimiter(RequestBudget.parse(budget), margin, clock, sleeper);
    }

    private static void assertNoWindowOver(List<Long> sends, int n, long windowMillis) {
        List<Long> s = new ArrayList<>(sends);
        Collections.sort(s);
        for (int i = 0; i + n < s.size(); i++) {
            long gap = s.get(i + n) - s.get(i);
            assertTrue(gap >= windowMillis, "sends " + i + ".." + (i + n) + " lie within " + gap + " ms");
        }
    }

    @Test
    void noWindowOfTheBudgetEverHoldsMoreSendsThanItsCount() throws InterruptedException {
        RateLimiter l = limiter("40/2s", Duration.ZERO);
        SplittableRandom r = new SplittableRandom(7);
        List<Long> sends = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            l.acquire();
            sends.add(clock.lastTold());
            l.release();
            fake.advance(Duration.ofMillis(r.nextInt(0, 120)));
        }
        assertNoWindowOver(sends, 40, 2000);
        assertEquals(20, l.marginMillis(), "at least 1% of the window is added");
        assertNoWindowOver(sends, 40, 2020);
        assertTrue(sleeper.total().compareTo(Duration.ZERO) > 0, "it had to wait");
    }

    @Test
    void concurrentSendersShareOneBudget() throws Exception {
        RateLimiter l = limiter("10/1s", Duration.ofMillis(250));
        List<Long> sends = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<?>> fs = new ArrayList<>();
            for (int t = 0; t < 6; t++) {
                fs.add(pool.submit(() -> {
                    for (int i = 0; i < 40; i++) {
                        l.acquire();
                        sends.add(clock.lastTold());
                        l.release();
                    }
                    return null;
                }));
            }
            for (Future<?> f : fs) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(240, sends.size());
        assertNoWindowOver(sends, 10, 1250);
    }

    @Test
    void aFirstBurstIsAllowedThenTheWindowMustPass() throws InterruptedException {
        RateLimiter l = limiter("5/10s", Duration.ZERO);
        long t0 = fake.millis();
        for (int i = 0; i < 5; i++) {
            l.acquire();
            l.release();
        }
        assertEquals(t0, fake.millis(), "five sends at once fit the budget");
        l.acquire();
        assertEquals(t0 + 10_100, fake.millis(), "the sixth waits for the window plus its margin");
    }

    @Test
    void unlimitedNeverWaits() throws InterruptedException {
        RateLimiter l = limiter("off", Duration.ofMillis(250));
        for (int i = 0; i < 10_000; i++) {
            l.acquire();
            l.release();
        }
        assertEquals(Duration.ZERO, sleeper.total());
    }

    @Test
    void a429PausesEveryone() throws InterruptedException {
        RateLimiter l = limiter("1200/300s", Duration.ZERO);
        long t0 = fake.millis();
        l.pause(Duration.ofSeconds(7));
        l.acquire();
        assertTrue(fake.millis() >= t0 + 7000, "waited for Retry-After");
        assertEquals(Duration.ofSeconds(7), l.throttled());
    }

    @Test
    void fewerRemainingAtTheServerHoldsBackUntilItsReset() throws InterruptedException {
        RateLimiter l = limiter("100/10s", Duration.ZERO);
        l.acquire();
        l.release();
        // Another client has spent most of the token: the server has 2 left for 5 seconds.
        l.observe(Headers.of("Ratelimit", "\"default\";r=2;t=5", "Ratelimit-Policy", "\"default\";q=100;w=10"));
        long t0 = fake.millis();
        l.acquire();
        l.release();
        l.acquire();
        l.release();
        assertEquals(t0, fake.millis(), "the two the server has left go at once");
        l.acquire();
        assertTrue(fake.millis() >= t0 + 5000, "then nothing until the server's reset");
    }

    @Test
    void inFlightRequestsCountAgainstWhatTheServerHasLeft() throws InterruptedException {
        RateLimiter l = limiter("100/10s", Duration.ZERO);
        l.acquire();
        l.acquire();
        l.acquire();
        l.release();
        l.observe(Headers.of("X-RateLimit-Remaining", "2", "X-RateLimit-Reset", "4"));
        long t0 = fake.millis();
        l.acquire();
        assertTrue(fake.millis() >= t0 + 4000, "two in flight use up what the server has left");
    }

    @Test
    void anOlderHeaderReadLastCannotRaiseWhatTheServerHasLeft() throws InterruptedException {
        RateLimiter l = limiter("100/10s", Duration.ZERO);
        l.acquire();
        l.release();
        l.observe(Headers.of("Ratelimit", "\"default\";r=3;t=5"));
        // An answer the server sent earlier, read on another thread after the one above.
        l.observe(Headers.of("Ratelimit", "\"default\";r=6;t=5"));
        long t0 = fake.millis();
        for (int i = 0; i < 3; i++) {
            l.acquire();
            l.release();
        }
        assertEquals(t0, fake.millis(), "the three the server has left go at once");
        l.acquire();
        assertTrue(fake.millis() >= t0 + 5000, "not a fourth before the server's reset");
    }

    @Test
    void serverHeadersOfOurOwnUseChangeNothing() throws InterruptedException {
        RateLimiter l = limiter("100/10s", Duration.ZERO);
        for (int i = 1; i <= 100; i++) {
            l.acquire();
            l.release();
            l.observe(Headers.of("Ratelimit", "\"default\";r=" + (100 - i) + ";t=10"));
        }
        assertEquals(Duration.ZERO, sleeper.total());
    }

    @Test
    void aServerQuotaTheBudgetDoesNotImplyIsKeptToo() throws InterruptedException {
        RateLimiter l = limiter("1200/300s", Duration.ZERO);
        l.observe(Headers.of("Ratelimit-Policy", "\"default\";q=1200;w=300"));
        for (int i = 0; i < 50; i++) {
            l.acquire();
            l.release();
        }
        assertEquals(Duration.ZERO, sleeper.total(), "a quota the budget already keeps is ignored");
        l.observe(Headers.of("Ratelimit-Policy", "\"default\";q=1200;w=300, \"burst\";q=100;w=60"));
        long t0 = fake.millis();
        List<Long> sends = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            l.acquire();
            sends.add(clock.lastTold());
            l.release();
        }
        assertTrue(fake.millis() >= t0 + 60_000, "the burst quota made it wait");
        assertNoWindowOver(sends, 100, 60_000);
    }

    @Test
    void withoutABudgetAnAnnouncedQuotaCountsWhatWasAlreadySent() throws InterruptedException {
        RateLimiter l = limiter("off", Duration.ZERO);
        long t0 = fake.millis();
        for (int i = 0; i < 3; i++) {
            l.acquire();
            l.release();
        }
        l.observe(Headers.of("Ratelimit-Policy", "\"default\";q=5;w=10"));
        l.acquire();
        l.acquire();
        assertEquals(t0, fake.millis(), "two more fit the quota");
        l.acquire();
        assertEquals(t0 + 10_100, fake.millis(), "the sixth waits for the quota's window and margin");
    }

    @Test
    void aSlowAnswerMovesItsPlaceInTheWindowToTheAnswer() throws InterruptedException {
        RateLimiter l = limiter("2/10s", Duration.ZERO);
        long t0 = fake.millis();
        l.acquire();
        fake.advance(Duration.ofSeconds(3));
        l.release(); // the server may have counted it at any moment of those 3 s
        l.acquire();
        l.release();
        assertEquals(t0 + 3000, fake.millis(), "the second fits the budget at once");
        l.acquire();
        assertEquals(
                t0 + 3000 + 10_100,
                fake.millis(),
                "the third waits for the window (plus 1%) after the first one's answer, not after its send");
    }

    @Test
    void aRequestStillInFlightHoldsItsPlaceUntilItsAnswer() throws InterruptedException {
        long t0 = fake.millis();
        AtomicReference<RateLimiter> self = new AtomicReference<>();
        AtomicLong answeredAt = new AtomicLong(-1);
        RateLimiter l = new RateLimiter(RequestBudget.parse("2/10s"), Duration.ZERO, clock, d -> {
            fake.advance(d);
            if (fake.millis() - t0 >= 60_000 && answeredAt.get() < 0) {
                // A minute on, long after any window, the first request is answered at last.
                answeredAt.set(fake.millis());
                self.get().release();
            }
        });
        self.set(l);
        l.acquire();
        l.acquire();

        l.acquire();

        assertTrue(answeredAt.get() >= t0 + 60_000, "no third send while both may still be counted");
        assertEquals(answeredAt.get() + 10_100, fake.millis(), "then the window after that answer");
    }

    @Test
    void whereverTheServerCountsARequestBetweenSendAndAnswerNoWindowHoldsMoreThanTheBudget()
            throws InterruptedException {
        // A single-threaded network: four requests in flight at most; time passes only in sleeps,
        // which deliver the answers due by then. Some answers take far longer than any margin.
        PriorityQueue<Long> answers = new PriorityQueue<>();
        AtomicReference<RateLimiter> self = new AtomicReference<>();
        Sleeper network = d -> {
            long until = fake.millis() + d.toMillis();
            while (!answers.isEmpty() && answers.peek() <= until) {
                fake.advance(Duration.ofMillis(answers.poll() - fake.millis()));
                self.get().release();
            }
            fake.advance(Duration.ofMillis(until - fake.millis()));
        };
        RateLimiter l = new RateLimiter(RequestBudget.parse("20/1s"), Duration.ZERO, fake, network);
        self.set(l);
        SplittableRandom r = new SplittableRandom(11);
        List<Long> counted = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            while (answers.size() >= 4) {
                network.sleep(Duration.ofMillis(answers.peek() - fake.millis()));
            }
            l.acquire();
            long sent = fake.millis();
            long took = r.nextInt(10) == 0 ? r.nextLong(200, 3000) : r.nextLong(0, 60);
            counted.add(sent + r.nextLong(0, took + 1));
            answers.add(sent + took);
            network.sleep(Duration.ofMillis(r.nextInt(0, 30)));
        }
        assertNoWindowOver(counted, 20, 1000);
    }

    @Test
    void interruptionWhileWaitingPropagates() throws InterruptedException {
        RateLimiter l = new RateLimiter(RequestBudget.parse("1/1h"), Duration.ZERO, clock, d -> {
            throw new InterruptedException("closed");
        });
        l.acquire();
        assertThrows(InterruptedException.class, l::acquire);
    }
}
