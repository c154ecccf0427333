package dev.landfall.cli.option;

import dev.landfall.infra.cutover.Cutover;
import dev.landfall.infra.spec.CutoverSpec;
import dev.landfall.infra.spec.ServiceSpec;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * What {@code cutover} moves, in which steps and where it keeps its state; defaults from the spec's
 * {@code cutover} block (docs/cutover.md).
 */
public final class CutoverOptions {
    @Option(
            names = "--region",
            paramLabel = "REGION",
            description = "Move this region's traffic dial instead of the edge split.")
    String region;

    @Option(names = "--steps", paramLabel = "P,P,…", description = "Percentages in order (default: cutover.steps).")
    String steps;

    @Option(names = "--bake", paramLabel = "DURATION", description = "Time per step (default: cutover.bake).")
    String bake;

    @Option(
            names = "--edge-propagation",
            paramLabel = "DURATION",
            defaultValue = "60s",
            description = "Wait after an edge-split change for every edge to see it (default: ${DEFAULT-VALUE},"
                    + " the Worker's KV cache).")
    String edgePropagation = "60s";

    @Option(
            names = "--state",
            paramLabel = "FILE",
            description = "Where progress is saved (default: landfall-cutover-SERVICE-TARGET.json).")
    Path state;

    @Option(names = "--resume", description = "Continue the cutover saved in the state file.")
    boolean resume;

    @Option(
            names = "--read-split",
            description = {
                "On the edge split: move reads only (GET/HEAD, cutover.edge.writes says what a write",
                "is); writes stay on the old service until migrate --final (docs/live-migration.md)."
            })
    boolean readSplit;

    /**
     * The cutover's settings, each flag checked, the spec filling in what is not given.
     *
     * @throws dev.landfall.core.error.LandfallException USAGE naming the flag or spec field
     */
    public Cutover.Options options(ServiceSpec service) {
        CutoverSpec plan = service.cutover();
        Optional<String> where = Optional.ofNullable(region);
        return new Cutover.Options(
                service,
                where,
                Cutover.steps(Optional.ofNullable(steps), plan),
                DurationFlag.positive("--bake", bake == null ? plan.bake() : bake, "5m"),
                // 0 is allowed: a sandbox or a Worker without KV caching needs no wait.
                DurationFlag.parse("--edge-propagation", edgePropagation, "60s"),
                state != null ? state : Cutover.Options.defaultStateFile(service, where),
                resume,
                readSplit);
    }
}
