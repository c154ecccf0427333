package dev.landfall.cli.option;

import dev.landfall.core.error.LandfallException;
import dev.landfall.infra.cutover.CallJournal;
import dev.landfall.infra.cutover.FollowerLagBound;
import dev.landfall.infra.cutover.FollowerLagGate;
import dev.landfall.infra.cutover.FollowerStatusPage;
import dev.landfall.infra.cutover.Pause;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;
import picocli.CommandLine.Option;

/**
 * {@code --follow-status} and the lag bounds: {@code cutover} takes a step only while the
 * live-migration follower ({@code migrate --follow --status-addr}) is close enough behind
 * (docs/cutover.md, "The follower's lag").
 */
public final class FollowLagOptions {
    private static final String DEFAULT_TIMEOUT = "5m";

    @Option(
            names = "--follow-status",
            paramLabel = "URL",
            description = "The live-migration follower's status address (migrate --follow --status-addr), e.g."
                    + " http://127.0.0.1:9464: before each step its lag must be within the bound.")
    String url;

    @Option(
            names = "--max-follow-lag",
            paramLabel = "DURATION",
            description = "With --follow-status: the follower's oldest unapplied change may be at most this old.")
    String maxLag;

    @Option(
            names = "--max-follow-lag-changes",
            paramLabel = "N",
            description = "With --follow-status: at most N captured changes may wait unapplied.")
    Long maxChanges;

    @Option(
            names = "--follow-lag-timeout",
            paramLabel = "DURATION",
            description = "With --follow-status: how long a step waits for the follower to be within the bound"
                    + " before the cutover stops, BLOCKED (default: " + DEFAULT_TIMEOUT + ").")
    String timeout;

    /**
     * Refuses a bad or incomplete set of lag flags, the same way {@link #gate} does, before anything
     * else is read.
     *
     * @throws LandfallException USAGE when a lag flag comes without {@code --follow-status} or the
     *     other way round, or a value is bad
     */
    public void check() {
        if (bound().isPresent()) {
            waitLimit();
            FollowerStatusPage.at(url).close(); // parses the address; nothing is contacted
        }
    }

    /**
     * The follower's lag gate, when {@code --follow-status} is given; every flag is checked here,
     * before anything is contacted.
     *
     * @throws LandfallException USAGE when a lag flag comes without {@code --follow-status} or the
     *     other way round, or a value is bad
     */
    public Optional<FollowerLagGate> gate(Clock clock, Pause pause, CallJournal journal, Consumer<String> progress) {
        return bound().map(bound -> {
            Duration wait = waitLimit();
            return new FollowerLagGate(FollowerStatusPage.at(url), bound, wait, clock, pause, journal, progress);
        });
    }

    private Optional<FollowerLagBound> bound() {
        if (url == null) {
            String stray = maxLag != null
                    ? "--max-follow-lag"
                    : maxChanges != null ? "--max-follow-lag-changes" : timeout != null ? "--follow-lag-timeout" : null;
            if (stray != null) {
                throw LandfallException.usage(
                        stray + " needs --follow-status: the follower's lag is read from its status page",
                        "add --follow-status http://HOST:PORT, the address migrate --follow --status-addr serves");
            }
            return Optional.empty();
        }
        if (maxLag == null && maxChanges == null) {
            throw LandfallException.usage(
                    "--follow-status " + url + " needs a bound: --max-follow-lag, --max-follow-lag-changes or both",
                    "for example --max-follow-lag 5s");
        }
        if (maxChanges != null && maxChanges < 0) {
            throw LandfallException.usage(
                    "--max-follow-lag-changes " + maxChanges + " cannot be negative",
                    "for example --max-follow-lag-changes 1000 (0: nothing may wait)");
        }
        return Optional.of(new FollowerLagBound(
                Optional.ofNullable(maxLag).map(text -> DurationFlag.parse("--max-follow-lag", text, "5s")),
                maxChanges == null ? OptionalLong.empty() : OptionalLong.of(maxChanges)));
    }

    private Duration waitLimit() {
        return DurationFlag.positive(
                "--follow-lag-timeout", timeout == null ? DEFAULT_TIMEOUT : timeout, DEFAULT_TIMEOUT);
    }
}
