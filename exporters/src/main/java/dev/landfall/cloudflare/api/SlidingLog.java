package dev.landfall.cloudflare.api;

/**
 * The send times of the last {@code limit} requests, to keep any span of {@code spanMillis}
 * holding at most {@code limit} of them: a new send at {@code t} is allowed when fewer than
 * {@code limit} are logged or the oldest of the last {@code limit} is at least {@code spanMillis}
 * before {@code t}. Then every {@code s[i + limit] - s[i] >= spanMillis}, so no half-open window
 * of that length ever holds more than {@code limit} sends. Not thread-safe: the limiter locks.
 */
final class SlidingLog {
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

    /** Milliseconds until a send at {@code now} is allowed; 0 or less means now. */
    long waitMillis(long now) {
        if (size < times.length) {
            return 0;
        }
        return times[head] + spanMillis - now;
    }

    /** Logs a send at {@code now}; call only when {@link #waitMillis} allows it. */
    void record(long now) {
        if (size < times.length) {
            times[(head + size) % times.length] = now;
            size++;
        } else {
            times[head] = now;
            head = (head + 1) % times.length;
        }
    }

    /** How many logged sends lie in {@code (now - spanMillis, now]}. */
    int countWithin(long now) {
        int n = 0;
        for (int i = 0; i < size; i++) {
            if (times[(head + i) % times.length] > now - spanMillis) {
                n++;
            }
        }
        return n;
    }

    /** Copies the most recent sends of {@code other} into this (empty) log, oldest first. */
    void seedFrom(SlidingLog other) {
        int n = Math.min(other.size, times.length);
        for (int i = other.size - n; i < other.size; i++) {
            record(other.times[(other.head + i) % other.times.length]);
        }
    }
}
