package dev.landfall.cli.option;

import dev.landfall.core.error.LandfallException;
import dev.landfall.core.run.FollowOptions;
import dev.landfall.core.status.StatusAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine.Option;

/**
 * {@code --follow}, {@code --consistency-window}, {@code --drain}: a migration that keeps up with
 * the application's writes through the change log (docs/live-migration.md).
 */
public final class FollowFlags {
    @Option(
            names = "--follow",
            description = "After the full load, apply every write captured since the run began, and keep"
                    + " following until stopped (Ctrl-C: resume with --resume DIR). Needs capture on"
                    + " before the run starts, and reads through the export Worker: --via worker for"
                    + " Workers KV, --do for Durable Objects (docs/live-migration.md).")
    boolean follow;

    @Option(
            names = "--consistency-window",
            paramLabel = "DURATION",
            description = "How long after a change its key is re-read: Workers KV shows a write everywhere"
                    + " within about 60 s (default: 65s). Kept by the run.")
    String window;

    @Option(
            names = "--drain",
            description = "With --follow: stop once every change captured so far is applied, then verify"
                    + " the store against a fresh read of the source (exit 0 equal, 3 not).")
    boolean drain;

    @Option(
            names = "--accept-uncaptured",
            paramLabel = "SCRIPT",
            description = "With --follow: start although this Worker script is bound to a KV namespace the"
                    + " run copies, or defines a Durable Object class it copies, and records no changes"
                    + " (say, it only reads). Repeatable.")
    List<String> acceptUncaptured = new ArrayList<>();

    @Option(
            names = "--status-addr",
            paramLabel = "HOST:PORT",
            description = "With --follow: serve /statusz, /flagz and /metrics (Prometheus) on this address"
                    + " while the run lasts (PORT alone: 127.0.0.1; 0: any free port; docs/status-pages.md).")
    String statusAddr;

    @Option(
            names = "--final",
            description = "With --resume of a --follow run: switch writes to the new service. Freezes"
                    + " writes at the cutover Worker's write gate (503 + Retry-After; reads are served),"
                    + " drains the change log, verifies every scope against a fresh read of the source,"
                    + " then flips writes; on any failure it unfreezes without flipping. Needs"
                    + " --cutover-worker and LANDFALL_CUTOVER_SECRET (docs/live-migration.md).")
    boolean finalSwitch;

    @Option(
            names = "--cutover-worker",
            paramLabel = "URL",
            description = "With --final: the cutover Worker's URL (its write gate is /__landfall/write-gate).")
    String cutoverWorker;

    @Option(
            names = "--dial-namespace",
            paramLabel = "ID",
            description = "With --final: the KV namespace of the edge split's dial (landfall.yaml"
                    + " cutover.edge.dialNamespace). Then --final first makes every write ask the gate"
                    + " (\"split\": true, \"writes\": \"gate\") and waits --edge-propagation for the edge, and after the"
                    + " flip sends writes straight to the new service (\"writes\": \"new\").")
    String dialNamespace;

    @Option(
            names = "--edge-propagation",
            paramLabel = "DURATION",
            description = "With --final and --dial-namespace: how long the edge takes to see a dial change (default:"
                    + " 60s, the cutover Worker's KV cache), as for landfall cutover.")
    String edgePropagation;

    /** How long the edge takes to see a dial change. */
    public Duration edgePropagation() {
        return edgePropagation == null
                ? Duration.ofSeconds(60)
                : DurationFlag.parse("--edge-propagation", edgePropagation, "60s");
    }

    /** The dial's namespace, if --final is to set the dial. */
    public Optional<String> dialNamespace() {
        return Optional.ofNullable(dialNamespace);
    }

    @Option(
            names = "--freeze-grace",
            paramLabel = "DURATION",
            description = "With --final: how long writes admitted just before the freeze get to land (default: 2s).")
    String freezeGrace;

    /** Whether to switch writes ({@code --final}). */
    public boolean finalSwitch() {
        return finalSwitch;
    }

    /** The cutover Worker's URL, required with --final. */
    public String cutoverWorker() {
        if (cutoverWorker == null) {
            throw LandfallException.usage(
                    "--final needs --cutover-worker URL",
                    "give the cutover Worker's URL (landfall infra generate wrote it)");
        }
        return cutoverWorker;
    }

    /** The grace after the freeze. */
    public Duration freezeGrace() {
        return freezeGrace == null ? Duration.ofSeconds(2) : DurationFlag.parse("--freeze-grace", freezeGrace, "2s");
    }

    /**
     * Refuses a {@code --final}-only flag without {@code --final}.
     *
     * @throws LandfallException USAGE naming the flag
     */
    public void refuseStrayFinalFlag() {
        String stray = strayFinalFlag();
        if (stray != null) {
            throw LandfallException.usage(stray + " applies to --final", "add --final, or leave it out");
        }
    }

    /**
     * Refuses {@code --final} unless it continues a run that follows.
     *
     * @param following whether it does
     * @throws LandfallException USAGE
     */
    public void refuseFinalUnless(boolean following) {
        if (finalSwitch && !following) {
            throw LandfallException.usage(
                    "--final switches the writes of a --follow run", "give --resume DIR of that run with --final");
        }
    }

    /** A --final-only flag given without --final, or null. */
    private String strayFinalFlag() {
        return finalSwitch
                ? null
                : cutoverWorker != null
                        ? "--cutover-worker"
                        : freezeGrace != null
                                ? "--freeze-grace"
                                : dialNamespace != null
                                        ? "--dial-namespace"
                                        : edgePropagation != null ? "--edge-propagation" : null;
    }

    /** Where to serve the status pages, if asked. */
    public Optional<StatusAddress> statusAddress() {
        return statusAddr == null ? Optional.empty() : Optional.of(StatusAddress.parse(statusAddr));
    }

    /** Scripts the operator accepts as writing without capture. */
    public Set<String> acceptUncaptured() {
        return new LinkedHashSet<>(acceptUncaptured);
    }

    /** Whether a new run follows. */
    public boolean follow() {
        return follow;
    }

    /** The consistency window of a new run. */
    public Duration window() {
        if (window == null) {
            return FollowOptions.KV_WINDOW;
        }
        Duration d = DurationFlag.parse("--consistency-window", window, "65s");
        if (d.compareTo(MIN_WINDOW) < 0) {
            // A change is recorded before its write is made: read at once, the key may not hold it yet.
            throw LandfallException.usage(
                    "--consistency-window " + window + " is shorter than 1s: a change is recorded just before its"
                            + " write, so a key read at once may not hold the write yet",
                    "give at least 1s (a local sandbox), or the default 65s for Workers KV");
        }
        return d;
    }

    private static final Duration MIN_WINDOW = Duration.ofSeconds(1);

    /** How this invocation follows (the window is the run's). */
    public FollowOptions options() {
        return FollowOptions.defaults().draining(drain);
    }

    /**
     * Refuses a follow-only flag on a new run without {@code --follow}.
     *
     * @throws LandfallException USAGE naming the flag
     */
    public void refuseStrayFollowFlag() {
        String stray = strayFlag();
        if (!follow && stray != null) {
            throw LandfallException.usage(stray + " applies to --follow", "add --follow, or leave it out");
        }
    }

    /**
     * Refuses a follow-only flag when continuing a run that does not follow.
     *
     * @param run the run's directory, for the message
     * @throws LandfallException USAGE naming the flag
     */
    public void refuseStrayFollowFlag(Path run) {
        String stray = strayFlag();
        if (stray != null) {
            throw LandfallException.usage(
                    stray + " applies to a --follow run, and " + run + " does not follow", "leave it out");
        }
    }

    /** A follow-only flag given, or null. */
    private String strayFlag() {
        return window != null
                ? "--consistency-window"
                : drain
                        ? "--drain"
                        : !acceptUncaptured.isEmpty()
                                ? "--accept-uncaptured"
                                : statusAddr != null ? "--status-addr" : null;
    }

    public boolean drain() {
        return drain;
    }
}
