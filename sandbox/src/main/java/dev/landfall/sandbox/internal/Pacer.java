package dev.landfall.sandbox.internal;

/**
 * How many writes a writer of {@code perSecond} writes a second owes at a given time. Never more
 * than a tenth of a second's worth at once: a writer that fell behind (a slow machine, a pause of
 * the process) drops its backlog instead of catching up in a storm, and says so once. Not
 * thread-safe: one writer thread asks it.
 */
public final class Pacer {
    private final int perSecond;
    private final long cap;
    private long startMillis;
    private long lastMillis;
    private long issued;
    private boolean behind;

    public Pacer(int perSecond, long nowMillis) {
        if (perSecond < 1) {
            throw new IllegalArgumentException("perSecond must be at least 1: " + perSecond);
        }
        this.perSecond = perSecond;
        this.cap = Math.max(1, perSecond / 10);
        restart(nowMillis);
    }

    /** Starts counting again from {@code nowMillis}, owing nothing (after a pause). */
    public void restart(long nowMillis) {
        startMillis = nowMillis;
        lastMillis = nowMillis;
        issued = 0;
    }

    /** The writes due at {@code nowMillis}, which the caller then makes. */
    public int due(long nowMillis) {
        if (nowMillis < lastMillis) {
            // The clock stepped back: owe nothing rather than stall until it catches up.
            restart(nowMillis);
        }
        lastMillis = nowMillis;
        long owed = (nowMillis - startMillis) * perSecond / 1000 - issued;
        if (owed > cap) {
            behind = true;
            issued += owed - cap;
            owed = cap;
        }
        issued += owed;
        return (int) owed;
    }

    /** Whether a backlog has ever been dropped. */
    public boolean fellBehind() {
        return behind;
    }
}
