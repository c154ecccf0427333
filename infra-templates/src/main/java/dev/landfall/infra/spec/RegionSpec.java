package dev.landfall.infra.spec;

import java.util.List;
import java.util.Objects;

/**
 * One region the service runs in, inside an existing VPC.
 *
 * @param name AWS region code, such as {@code eu-west-1}
 * @param vpcId the VPC the load balancer and tasks live in
 * @param subnetIds private subnets for the tasks, at least one (two in different zones for an ALB)
 * @param publicSubnetIds subnets for the internet-facing load balancer; the task subnets when empty
 * @param store the data store the service in this region reads
 */
public record RegionSpec(
        String name, String vpcId, List<String> subnetIds, List<String> publicSubnetIds, StoreSpec store) {
    public RegionSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(vpcId, "vpcId");
        subnetIds = List.copyOf(subnetIds);
        publicSubnetIds = List.copyOf(publicSubnetIds);
        Objects.requireNonNull(store, "store");
    }

    /** The subnets the load balancer is placed in. */
    public List<String> loadBalancerSubnetIds() {
        return publicSubnetIds.isEmpty() ? subnetIds : publicSubnetIds;
    }
}
