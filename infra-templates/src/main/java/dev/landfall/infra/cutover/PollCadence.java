package dev.landfall.infra.cutover;

import java.time.Duration;

/**
 * The waits between the cutover's polls of what it waits for (the accelerator deploying a change,
 * the follower catching up): 1 s, doubling to at most 10 s, so a quick change is seen quickly and a
 * slow one costs few requests. One per wait.
 */
final class PollCadence {
    private static final Duration LONGEST = Duration.ofSeconds(10);

    private Duration wait = Duration.ofSeconds(1);

    /** The wait before the next poll; the one after it is twice as long, up to 10 s. */
    Duration next() {
        Duration now = wait;
        Duration doubled = wait.multipliedBy(2);
        wait = doubled.compareTo(LONGEST) > 0 ? LONGEST : doubled;
        return now;
    }
}
