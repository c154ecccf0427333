package dev.landfall.infra.cutover;

import dev.landfall.core.status.LastError;
import dev.landfall.core.status.Status;
import dev.landfall.core.status.StatusSource;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * The live-migration follower as its status pages see it, its status set by the test: what a
 * {@code dev.landfall.core.status.StatusServer} serves in front of a cutover's lag gate.
 */
public final class FakeFollower implements StatusSource {
    public static final Instant STARTED = Instant.parse("2026-03-01T12:00:00Z");

    private volatile Status status =
            Status.starting("migrate --follow", STARTED, "cloudflare://acc123", "sqlite:landfall.db");

    /** The follower has read its log: {@code changes} wait, the oldest {@code lag} old. */
    public FakeFollower behind(long changes, Duration lag) {
        status = status.withProgress("shard 0 seq " + changes, changes, lag);
        return this;
    }

    /** The follower met an error at {@code at}. */
    public FakeFollower failed(String message, Instant at) {
        status = status.withLastError(new LastError(message, at));
        return this;
    }

    @Override
    public Status status() {
        return status;
    }

    @Override
    public Map<String, String> flags() {
        return Map.of("--follow", "true");
    }
}
