package dev.landfall.infra.spec;

import java.util.Collections;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

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
 * @param image this region's image (an ECR replica in the region), replacing the spec's
 * @param secrets this region's secret ARNs (replicas in the region), by name, replacing or adding
 *     to the spec's
 */
public record RegionSpec(
        String name,
        RegionNetwork network,
        StoreSpec store,
        Optional<CertificateArn> certificate,
        LoadBalancerScheme loadBalancerScheme,
        Optional<String> image,
        SortedMap<String, SecretArn> secrets) {
    public RegionSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(loadBalancerScheme, "loadBalancerScheme");
        Objects.requireNonNull(image, "image");
        secrets = Collections.unmodifiableSortedMap(new TreeMap<>(secrets));
    }

    /** Whether the load balancer sits in the task subnets with private addresses only. */
    public boolean internal() {
        return loadBalancerScheme == LoadBalancerScheme.INTERNAL;
    }
}
