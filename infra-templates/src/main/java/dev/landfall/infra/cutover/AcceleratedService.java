package dev.landfall.infra.cutover;

import dev.landfall.infra.spec.ServiceSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.globalaccelerator.GlobalAcceleratorClient;

/**
 * The service as AWS runs it: its accelerator's endpoint groups and its ECS service per region,
 * found by the names the generated templates give them. Owns the SDK clients it opens, so callers
 * outside this package never touch the SDK.
 */
public final class AcceleratedService implements AutoCloseable {
    /** How long a Global Accelerator change may take to deploy before the cutover gives up. */
    public static final Duration DEPLOY_TIMEOUT = Duration.ofMinutes(15);

    private final ServiceSpec spec;
    private final AwsClients aws;
    private final GlobalAcceleratorClient ga;
    private final Map<String, EcsClient> ecs = new HashMap<>();
    private final CallJournal journal;
    private final Pause pause;
    private final AcceleratorTopology topology;

    private AcceleratedService(ServiceSpec spec, AwsClients aws, CallJournal journal, Pause pause) {
        this.spec = Objects.requireNonNull(spec, "spec");
        this.aws = Objects.requireNonNull(aws, "aws");
        this.journal = Objects.requireNonNull(journal, "journal");
        this.pause = Objects.requireNonNull(pause, "pause");
        this.ga = aws.globalAccelerator();
        try {
            this.topology = AcceleratorTopology.locate(
                    ga, spec.name(), spec.accelerator().port(), journal);
        } catch (RuntimeException e) {
            ga.close();
            throw e;
        }
    }

    /** Finds the accelerator named after the service, with a listener on the spec's port. */
    public static AcceleratedService connect(ServiceSpec spec, AwsClients aws, CallJournal journal, Pause pause) {
        return new AcceleratedService(spec, aws, journal, pause);
    }

    /** A region's traffic dial. */
    public EndpointGroupDial dial(String region) {
        return new EndpointGroupDial(ga, topology.group(region), journal, pause, DEPLOY_TIMEOUT);
    }

    /** For each region: its ECS service steady and its accelerator endpoints healthy. */
    public List<Precheck> prechecks(List<String> regions) {
        List<Precheck> checks = new ArrayList<>();
        for (String region : regions) {
            EcsClient client = ecs.computeIfAbsent(region, aws::ecs);
            checks.add(new EcsServiceSteady(client, region, spec.name(), spec.name(), journal));
            checks.add(new EndpointsHealthy(dial(region)));
        }
        return checks;
    }

    @Override
    public void close() {
        ecs.values().forEach(EcsClient::close);
        ga.close();
    }
}
