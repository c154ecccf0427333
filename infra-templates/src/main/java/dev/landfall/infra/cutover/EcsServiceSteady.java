package dev.landfall.infra.cutover;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Deployment;
import software.amazon.awssdk.services.ecs.model.DeploymentRolloutState;
import software.amazon.awssdk.services.ecs.model.DescribeServicesResponse;
import software.amazon.awssdk.services.ecs.model.Failure;
import software.amazon.awssdk.services.ecs.model.Service;

/**
 * The service in one region is steady: active, as many tasks running as desired, and a single
 * deployment whose rollout completed. The same test as the SDK's {@code ServicesStable} waiter,
 * plus the rollout state, because a deployment the circuit breaker is rolling back also has one
 * deployment and a full task count for a while.
 */
public final class EcsServiceSteady implements Precheck {
    private final EcsClient client;
    private final String region;
    private final String cluster;
    private final String service;
    private final CallJournal journal;

    public EcsServiceSteady(EcsClient client, String region, String cluster, String service, CallJournal journal) {
        this.client = Objects.requireNonNull(client, "client");
        this.region = Objects.requireNonNull(region, "region");
        this.cluster = Objects.requireNonNull(cluster, "cluster");
        this.service = Objects.requireNonNull(service, "service");
        this.journal = Objects.requireNonNull(journal, "journal");
    }

    @Override
    public String label() {
        return "ECS service " + service + " in " + region + " steady";
    }

    @Override
    public List<String> problems() {
        journal.read("ecs:DescribeServices", region + " cluster " + cluster + " service " + service);
        DescribeServicesResponse response = AwsCall.run(
                "ecs:DescribeServices",
                () -> client.describeServices(r -> r.cluster(cluster).services(service)));
        List<String> problems = new ArrayList<>();
        for (Failure failure : response.failures()) {
            problems.add(region + ": ECS service " + service + " in cluster " + cluster + ": " + failure.reason()
                    + (failure.detail() == null ? "" : " (" + failure.detail() + ")"));
        }
        for (Service found : response.services()) {
            String where = region + ": ECS service " + found.serviceName() + " ";
            if (!"ACTIVE".equals(found.status())) {
                problems.add(where + "is " + found.status());
            }
            if (found.runningCount() == null || !found.runningCount().equals(found.desiredCount())) {
                problems.add(where + "runs " + found.runningCount() + " of " + found.desiredCount() + " tasks");
            }
            if (found.deployments().size() != 1) {
                problems.add(where + "has " + found.deployments().size() + " deployments in progress");
            }
            for (Deployment deployment : found.deployments()) {
                if (deployment.rolloutState() != null
                        && deployment.rolloutState() != DeploymentRolloutState.COMPLETED) {
                    problems.add(where + "deployment " + deployment.id() + " rollout is "
                            + deployment.rolloutStateAsString()
                            + (deployment.rolloutStateReason() == null ? "" : ": " + deployment.rolloutStateReason()));
                }
            }
        }
        if (response.services().isEmpty() && response.failures().isEmpty()) {
            problems.add(region + ": ECS service " + service + " not found in cluster " + cluster);
        }
        return problems;
    }
}
