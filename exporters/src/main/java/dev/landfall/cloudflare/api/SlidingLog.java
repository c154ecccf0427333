package dev.landfall.cloudflare.api;

/**
 * Keeps any span of {@code spanMillis}, as the server sees it, holding at most {@code limit}
 * requests. The server counts a request at some moment between its send and its answer, which
 * this client cannot see; so an answered request is logged at its answer ({@link #record}), and
 * one still in flight may be counted at any moment from now on. A send at {@code t} is allowed when
 * fewer than {@code limit} requests may lie in the span before it: those in flight plus those
 * answered after {@code t - spanMillis}.
 *
 * <p>Why that is enough, whatever the network's delays: take any span of the server's clock and,
 * of the requests it counted in that span, the one sent last, {@code j}. Every other one, {@code
 * i}, was sent before {@code j} and counted within {@code spanMillis} of {@code j}'s count, so
 * after {@code send(j) - spanMillis}; and it was answered no earlier than it was counted. So when
 * {@code j} was sent, {@code i} was in flight or logged after {@code send(j) - spanMillis}: {@code
 * j}'s check counted it, and the span holds at most {@code limit}.
 *
 * <p>Answers are logged in the order they happen (times never go back), so the last {@code limit}
 * of them suffice: an older one that still lay in the span would put all of them there too. Not
 * thread-safe: the limiter locks.
 */
final class SlidingLog {
    /** What {@link #waitMillis} returns when only an answer to a request in flight can make room. */
    static final long UNTIL_AN_ANSWER = Long.MAX_VALUE;

    private final long[] times;
    private final long spanMillis;
    private int head;
    private int size;

    SlidingLog(int limit, long spanMillis) {
        if (limit < 1 || spanMillis < 1) {
            throw new IllegalArgumentException("limit and span must be positive: " + limit + ", " + spanMillis);
        }
        this.times = new long[limit];
        this.spanMillis = spanMillis;
    }

    int limit() {
        return times.length;
    }

    /**
     * Milliseconds until a send at {@code now} is allowed while {@code inFlight} requests await
     * their answers; 0 or less means now, {@link #UNTIL_AN_ANSWER} that it must wait for an answer.
     */
    long waitMillis(long now, int inFlight) {
        int room = times.length - 1 - inFlight; // answered requests that may still lie in the span
        if (room < 0) {
            return UNTIL_AN_ANSWER;
        }
        if (size <= room) {
            return 0;
        }
        // The (size - room)-th oldest answer must have left the span.
        return times[(head + size - room - 1) % times.length] + spanMillis - now;
    }

    /** Logs an answer (or a failure) at {@code now}; times must not go back. */
    void record(long now) {
        if (size < times.length) {
            times[(head + size) % times.length] = now;
            size++;
        } else {
            times[head] = now;
            head = (head + 1) % times.length;
        }
    }

    /** How many logged answers lie in {@code (now - spanMillis, now]}. */
    int countWithin(long now) {
        int n = 0;
        for (int i = 0; i < size; i++) {
            if (times[(head + i) % times.length] > now - spanMillis) {
                n++;
            }
        }
        return n;
    }

    /** Copies the most recent answers of {@code other} into this (empty) log, oldest first. */
    void seedFrom(SlidingLog other) {
        int n = Math.min(other.size, times.length);
        for (int i = other.size - n; i < other.size; i++) {
            record(other.times[(other.head + i) % other.times.length]);
        }
    }
}
