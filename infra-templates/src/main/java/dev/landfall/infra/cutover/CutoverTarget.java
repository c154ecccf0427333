package dev.landfall.infra.cutover;

import dev.landfall.core.error.LandfallException;
import dev.landfall.infra.spec.CutoverSpec;
import dev.landfall.infra.spec.EdgeSpec;
import dev.landfall.infra.spec.RegionSpec;
import dev.landfall.infra.spec.ServiceSpec;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;

/**
 * What a cutover moves and what must be healthy before each step. The edge split moves traffic
 * from the old Worker to the accelerator, so every region must be ready; a region's dial moves
 * traffic inside the accelerator, so that region must be.
 *
 * @param control the knob the steps turn
 * @param prechecks what must hold before each step
 * @param name {@code edge} or the region code, for the state file's name
 */
public record CutoverTarget(TrafficControl control, List<Precheck> prechecks, String name) {
    /** A region's traffic dial. */
    public static CutoverTarget region(ServiceSpec service, String region, AcceleratedService aws) {
        requireRegion(service, region);
        return new CutoverTarget(aws.dial(region), aws.prechecks(List.of(region)), region);
    }

    /**
     * The edge split in front of the old Worker; {@code dialKeys} reaches the key in a KV namespace.
     * With {@code readSplit} each step also turns the read split on, so it moves reads only.
     */
    public static CutoverTarget edge(
            ServiceSpec service,
            Function<String, DialKey> dialKeys,
            AcceleratedService aws,
            CallJournal journal,
            Pause pause,
            Duration propagation,
            boolean readSplit) {
        EdgeSpec edge = requireEdge(service);
        EdgeSplit split = new EdgeSplit(
                dialKeys.apply(edge.dialNamespace()), edge.shadow(), readSplit, journal, pause, propagation);
        List<String> regions = service.regions().stream().map(RegionSpec::name).toList();
        return new CutoverTarget(split, aws.prechecks(regions), "edge");
    }

    /** The spec's edge split, or an error saying how to add one or choose a region instead. */
    public static EdgeSpec requireEdge(ServiceSpec service) {
        return service.cutover()
                .edge()
                .orElseThrow(() -> LandfallException.usage(
                        "the spec has no cutover.edge, so there is no edge split to move",
                        "add cutover.edge to landfall.yaml (docs/landfall-yaml.md), or pass --region REGION to move a"
                                + " region's traffic dial instead"));
    }

    /** Refuses a region the spec does not run in. */
    public static void requireRegion(ServiceSpec service, String region) {
        List<String> names = service.regions().stream().map(RegionSpec::name).toList();
        if (!names.contains(region)) {
            throw LandfallException.usage(
                    "--region " + region + " is not one of the spec's regions (" + String.join(", ", names) + ")",
                    "pass one of them, or add the region to landfall.yaml and deploy it first");
        }
    }

    /**
     * Refuses a {@code --baseline} the edge split would move: as the dial rises it would answer
     * from the new service too, and each bake would compare the new service with itself. The
     * spec's own baseline is refused the same way when the spec is read.
     */
    public static void requireBaselineOutsideSplit(CutoverSpec plan, String baseline) {
        plan.edge()
                .ifPresent(edge -> edge.routeReaching(URI.create(baseline)).ifPresent(i -> {
                    throw LandfallException.usage(
                            "--baseline " + baseline + " is under cutover.edge.routes[" + i + "] ("
                                    + edge.routes().get(i)
                                    + "), which the edge split takes over: as the dial rises the baseline would answer from"
                                    + " the new service too, and each bake would compare it with itself",
                            "give an address the split cannot move: the old Worker's own workers.dev URL (https://"
                                    + edge.worker() + ".SUBDOMAIN.workers.dev) or a direct origin of the old service");
                }));
    }
}
