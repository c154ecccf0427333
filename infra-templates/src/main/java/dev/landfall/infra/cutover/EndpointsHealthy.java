package dev.landfall.infra.cutover;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import software.amazon.awssdk.services.globalaccelerator.model.EndpointDescription;
import software.amazon.awssdk.services.globalaccelerator.model.EndpointGroup;
import software.amazon.awssdk.services.globalaccelerator.model.HealthState;

/**
 * Every endpoint in a region's endpoint group is {@code HEALTHY} in Global Accelerator's eyes. A
 * group with no endpoints is a problem too: the dial would send traffic nowhere but failover. The
 * region is the dial's.
 */
public record EndpointsHealthy(EndpointGroupDial dial) implements Precheck {
    public EndpointsHealthy {
        Objects.requireNonNull(dial, "dial");
    }

    @Override
    public String label() {
        return "Global Accelerator endpoints in " + dial.region() + " healthy";
    }

    @Override
    public List<String> problems() {
        EndpointGroup group = dial.describe();
        String region = dial.region();
        List<String> problems = new ArrayList<>();
        if (group.endpointDescriptions().isEmpty()) {
            problems.add(region + ": the endpoint group has no endpoints");
        }
        for (EndpointDescription endpoint : group.endpointDescriptions()) {
            if (endpoint.healthState() != HealthState.HEALTHY) {
                problems.add(region + ": endpoint " + endpoint.endpointId() + " is " + endpoint.healthStateAsString()
                        + (endpoint.healthReason() == null ? "" : " (" + endpoint.healthReason() + ")"));
            }
        }
        return problems;
    }
}
