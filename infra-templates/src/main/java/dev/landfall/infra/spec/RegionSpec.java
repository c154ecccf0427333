package dev.landfall.infra.spec;

import java.util.Objects;
import java.util.Optional;

/**
 * One region the service runs in.
 *
 * @param name AWS region code, such as {@code eu-west-1}
 * @param network an existing VPC and its subnets, or the VPC Landfall creates ({@code create: true})
 * @param store the data store the service in this region reads
 * @param certificate the ACM certificate the load balancer's listener terminates TLS with; none
 *     means the listener passes TCP (NLB) or speaks plain HTTP (ALB)
 * @param loadBalancerScheme internal (task subnets, only through the accelerator) or internet-facing
 *     (public subnets); the region's own value, else the spec's, else internal
 */
public record RegionSpec(
        String name,
        RegionNetwork network,
        StoreSpec store,
        Optional<CertificateArn> certificate,
        LoadBalancerScheme loadBalancerScheme) {
    public RegionSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(loadBalancerScheme, "loadBalancerScheme");
    }

    /** Whether the load balancer sits in the task subnets with private addresses only. */
    public boolean internal() {
        return loadBalancerScheme == LoadBalancerScheme.INTERNAL;
    }
}
