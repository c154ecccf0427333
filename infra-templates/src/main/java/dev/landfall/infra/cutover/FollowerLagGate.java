package dev.landfall.infra.cutover;

import dev.landfall.core.text.VisibleText;
import dev.landfall.core.time.DurationText;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Before each step, the live-migration follower must be within its {@link FollowerLagBound}: a
 * read split sends reads to the new store, so it moves only while the store is that close behind
 * Workers KV. The follower's {@code /statusz} is read; a follower not ready (over the bound, lag
 * not measured yet, page unreachable or not a status page, or an error the previous check had not
 * seen) is read again on the {@link PollCadence} the cutover waits for the accelerator with (1 s,
 * doubling to 10 s) until it is ready or {@code timeout} has passed. Then the step is refused with the last
 * reason and the lag last seen, so traffic never moves while the follower is behind.
 *
 * <p>Holds what the previous check saw, so one gate serves one cutover, on its thread. Owns the
 * page: closing the gate closes it.
 */
public final class FollowerLagGate implements Precheck, AutoCloseable {
    private final FollowerStatusPage page;
    private final FollowerLagBound bound;
    private final Duration timeout;
    private final Clock clock;
    private final Pause pause;
    private final CallJournal journal;
    private final Consumer<String> progress;
    private boolean readBefore;
    private Optional<FollowerReading.LastError> errorSeen = Optional.empty();
    private Optional<FollowerReading> lastReading = Optional.empty();

    /**
     * @param timeout how long one check may wait for the follower before refusing the step
     * @param clock measures that wait
     * @param pause waits between reads; the real one stops the cutover on Ctrl-C
     * @param progress a line when the check starts waiting and when the follower is ready
     */
    public FollowerLagGate(
            FollowerStatusPage page,
            FollowerLagBound bound,
            Duration timeout,
            Clock clock,
            Pause pause,
            CallJournal journal,
            Consumer<String> progress) {
        this.page = Objects.requireNonNull(page, "page");
        this.bound = Objects.requireNonNull(bound, "bound");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.pause = Objects.requireNonNull(pause, "pause");
        this.journal = Objects.requireNonNull(journal, "journal");
        this.progress = Objects.requireNonNull(progress, "progress");
    }

    @Override
    public String label() {
        return "the follower at " + page.describe() + " within " + bound.describe();
    }

    /**
     * Reads the follower until it is ready or the timeout passes; empty when ready. A dry run
     * reads once and notes the wait a real run would make instead of making it.
     *
     * @throws CutoverStopped when the operator stops the cutover during the wait
     */
    @Override
    public List<String> problems() {
        Instant deadline = clock.instant().plus(timeout);
        PollCadence cadence = new PollCadence();
        boolean waited = false;
        while (true) {
            GateVerdict verdict = check();
            if (verdict.passed()) {
                progress.accept((waited ? "the follower caught up: " : "follower: ") + verdict.summary());
                return List.of();
            }
            if (journal.isDryRun()) {
                journal.note("wait up to " + DurationText.format(timeout) + " for the follower: " + verdict.summary());
                return List.of();
            }
            Duration left = Duration.between(clock.instant(), deadline);
            if (left.isNegative() || left.isZero()) {
                return List.of(refusal(verdict));
            }
            if (!waited) {
                progress.accept(
                        "waiting up to " + DurationText.format(timeout) + " for the follower: " + verdict.summary());
                waited = true;
            }
            Duration wait = cadence.next();
            pause.sleep(wait.compareTo(left) < 0 ? wait : left);
        }
    }

    private GateVerdict check() {
        journal.read("http:GET", page.describe());
        FollowerReading reading;
        try {
            reading = page.read();
        } catch (IOException e) {
            if (stopRequested(e)) {
                Thread.currentThread().interrupt();
                throw new CutoverStopped();
            }
            return GateVerdict.breach("its status page " + page.describe() + " cannot be read: "
                    + VisibleText.of(String.valueOf(e.getMessage())));
        }
        boolean first = !readBefore;
        Optional<FollowerReading.LastError> previous = errorSeen;
        readBefore = true;
        errorSeen = reading.lastError();
        lastReading = Optional.of(reading);
        if (reading.lastError().isPresent() && (first || !reading.lastError().equals(previous))) {
            FollowerReading.LastError error = reading.lastError().get();
            // The first check has nothing to compare with, so an old error costs one more read.
            return GateVerdict.breach("it reported an error at " + VisibleText.of(error.at()) + " that "
                    + (first ? "no earlier check saw" : "the previous check had not seen") + ": "
                    + VisibleText.of(error.message()));
        }
        return bound.judge(reading);
    }

    private String refusal(GateVerdict last) {
        String seen = lastReading.map(FollowerLagBound::seen).orElse("no lag read");
        return "the follower at " + page.describe() + " was not within " + bound.describe() + " for "
                + DurationText.format(timeout) + ": " + last.summary() + " (last seen: " + seen
                + "); raise --follow-lag-timeout or wait for it to catch up, then --resume";
    }

    @Override
    public void close() {
        page.close();
    }

    // OkHttp turns an interrupt (Ctrl-C) into an InterruptedIOException and may clear the flag;
    // a timeout is one too, but says so.
    private static boolean stopRequested(IOException e) {
        return Thread.interrupted()
                || (e instanceof InterruptedIOException
                        && !(e instanceof SocketTimeoutException)
                        && "interrupted".equals(e.getMessage()));
    }
}
