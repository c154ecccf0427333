package dev.landfall.core.retry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.landfall.core.error.ErrorKind;
import dev.landfall.core.error.LandfallException;
import dev.landfall.core.time.FakeClock;
import dev.landfall.core.time.FakeSleeper;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.net.SocketException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
    private final FakeClock clock = new FakeClock();
    private final FakeSleeper sleeper = new FakeSleeper(clock);

    private RetryPolicy.Builder policy() {
        return RetryPolicy.builder(42).sleeper(sleeper);
    }

    @Test
    void succeedsAfterTransientFailuresWithGrowingJitteredWaits() throws IOException {
        AtomicInteger calls = new AtomicInteger();
        String result = policy().build().call("list keys", n -> {
            calls.incrementAndGet();
            if (n < 5) {
                throw new SocketException("Connection reset");
            }
            return "ok";
        });
        assertEquals("ok", result);
        assertEquals(5, calls.get());
        List<Duration> sleeps = sleeper.sleeps();
        assertEquals(4, sleeps.size());
        long[] bases = {500, 1000, 2000, 4000};
        for (int i = 0; i < 4; i++) {
            long ms = sleeps.get(i).toMillis();
            assertTrue(ms >= bases[i] / 2 && ms <= bases[i], "wait " + i + " = " + ms + " ms");
        }
    }

    @Test
    void backoffIsCappedAndJitterIsSeeded() {
        RetryPolicy a = policy().maxBackoff(Duration.ofSeconds(3)).build();
        RetryPolicy b =
                RetryPolicy.builder(42).maxBackoff(Duration.ofSeconds(3)).build();
        for (int n = 1; n < 70; n++) {
            Duration d = a.backoff(n);
            assertTrue(d.compareTo(Duration.ofSeconds(3)) <= 0, "capped: " + d);
            assertTrue(d.compareTo(Duration.ofMillis(250)) >= 0, "never near zero: " + d);
            assertEquals(d, b.backoff(n), "the same seed gives the same jitter");
        }
    }

    @Test
    void retryAfterLongerThanTheBackoffWins() throws IOException {
        AtomicInteger calls = new AtomicInteger();
        policy().build().call("bulk get", n -> {
            if (calls.incrementAndGet() == 1) {
                throw LandfallException.transientFailure("HTTP 429", null, new RetryAfter(Duration.ofSeconds(7)));
            }
            return null;
        });
        assertEquals(List.of(Duration.ofSeconds(7)), sleeper.sleeps());
    }

    @Test
    void backoffLongerThanRetryAfterWins() throws IOException {
        AtomicInteger calls = new AtomicInteger();
        policy().initialBackoff(Duration.ofSeconds(4)).build().call("bulk get", n -> {
            if (calls.incrementAndGet() == 1) {
                throw LandfallException.transientFailure("HTTP 429", null, new RetryAfter(Duration.ofMillis(1)));
            }
            return null;
        });
        assertTrue(
                sleeper.sleeps().get(0).compareTo(Duration.ofSeconds(2)) >= 0,
                sleeper.sleeps().toString());
    }

    @Test
    void exhaustedAttemptsThrowTransientNamingWhatAndHowOften() {
        RetryPolicy p = policy().maxAttempts(3).build();
        SocketException last = new SocketException("Connection reset");
        LandfallException e = assertThrows(
                LandfallException.class,
                () -> p.call("list keys of kv namespace N", n -> {
                    throw last;
                }));
        assertEquals(ErrorKind.TRANSIENT, e.kind());
        assertEquals(1, e.exitCode());
        assertTrue(e.getMessage().startsWith("list keys of kv namespace N failed after 3 attempts"), e.getMessage());
        assertTrue(e.getMessage().contains("SocketException: Connection reset"), e.getMessage());
        assertTrue(e.hint().orElseThrow().contains("--resume"));
        assertSame(last, e.getCause());
        assertEquals(2, sleeper.sleeps().size());
    }

    @Test
    void totalWaitBudgetStopsBeforeAPointlessWait() {
        RetryPolicy p = policy().maxTotalWait(Duration.ofSeconds(10))
                .exhaustedHint("rerun with --resume")
                .build();
        LandfallException e = assertThrows(
                LandfallException.class,
                () -> p.call("verify token", n -> {
                    throw LandfallException.transientFailure("HTTP 429", null, new RetryAfter(Duration.ofSeconds(300)));
                }));
        assertEquals(ErrorKind.TRANSIENT, e.kind());
        assertTrue(e.getMessage().contains("failed after 1 attempt "), e.getMessage());
        assertEquals("rerun with --resume", e.hint().orElseThrow());
        assertTrue(sleeper.sleeps().isEmpty(), "no wait that cannot end in another attempt");
    }

    @Test
    void nonRetryableFailuresPassThroughAtOnce() {
        RetryPolicy p = policy().build();
        LandfallException rejected = LandfallException.rejected("token rejected", "check CLOUDFLARE_API_TOKEN");
        AtomicInteger calls = new AtomicInteger();
        assertSame(
                rejected,
                assertThrows(
                        LandfallException.class,
                        () -> p.call("x", n -> {
                            calls.incrementAndGet();
                            throw rejected;
                        })));
        IllegalStateException bug = new IllegalStateException("bug");
        assertSame(
                bug,
                assertThrows(
                        IllegalStateException.class,
                        () -> p.call("x", n -> {
                            calls.incrementAndGet();
                            throw bug;
                        })));
        assertEquals(2, calls.get());
        assertTrue(sleeper.sleeps().isEmpty());
    }

    @Test
    void anIoExceptionAnywhereInTheCauseChainIsRetryable() {
        assertTrue(RetryPolicy.retryable(new UncheckedIOException(new SocketException("reset"))));
        assertTrue(RetryPolicy.retryable(new IOException("x")));
        assertTrue(RetryPolicy.retryable(LandfallException.transientFailure("503", null, null)));
        assertFalse(RetryPolicy.retryable(LandfallException.failed("400", null)));
        assertFalse(RetryPolicy.retryable(LandfallException.failed("400", null, new IOException("x"))));
        assertFalse(RetryPolicy.retryable(new IOException("closed", new CancellationException("closed"))));
        assertFalse(RetryPolicy.retryable(new IllegalArgumentException("bug")));
    }

    @Test
    void interruptionStopsRetrying() {
        RetryPolicy p = policy().build();
        List<Integer> attempts = new ArrayList<>();
        try {
            Thread.currentThread().interrupt();
            assertThrows(
                    InterruptedIOException.class,
                    () -> p.call("x", n -> {
                        attempts.add(n);
                        throw new InterruptedIOException("canceled");
                    }));
        } finally {
            Thread.interrupted();
        }
        assertEquals(List.of(1), attempts);
    }

    @Test
    void interruptedWhileWaitingEndsWithInterruptedIoException() {
        RetryPolicy p = RetryPolicy.builder(1)
                .sleeper(d -> {
                    throw new InterruptedException("stop");
                })
                .build();
        try {
            InterruptedIOException e = assertThrows(
                    InterruptedIOException.class,
                    () -> p.call("x", n -> {
                        throw new SocketException("reset");
                    }));
            assertTrue(e.getMessage().contains("interrupted"));
            assertTrue(Thread.currentThread().isInterrupted(), "the interrupt is kept");
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void builderRejectsNonsense() {
        assertThrows(
                IllegalArgumentException.class, () -> RetryPolicy.builder(1).maxAttempts(0));
        assertThrows(
                IllegalArgumentException.class, () -> RetryPolicy.builder(1).maxTotalWait(Duration.ofSeconds(-1)));
        assertThrows(
                IllegalArgumentException.class,
                () -> RetryPolicy.builder(1)
                        .initialBackoff(Duration.ofSeconds(10))
                        .maxBackoff(Duration.ofSeconds(1))
                        .build());
        assertTrue(RetryAfter.in(new IOException("x")).isEmpty());
        assertEquals(
                Duration.ofSeconds(9),
                RetryAfter.in(new IOException("a", new RetryAfter(Duration.ofSeconds(9))))
                        .orElseThrow());
        assertEquals(clock.instant(), new FakeClock().instant());
        new SplittableRandom(1);
    }
}
