package dev.landfall.infra.spec;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * AWS's own rules that only show when CloudFormation or Terraform calls the API: combinations
 * every field allows alone but a deploy rejects, or accepts and then serves badly. Errors are
 * refused before anything is written (docs/infra.md, "Deploy-time rules Landfall checks");
 * {@link #warnings} lists what deploys but weakens the multi-region design.
 */
public final class DeployRules {
    private DeployRules() {}

    /** Throws the first rule the spec breaks, located in the spec, as a usage error (exit 2). */
    static void check(SpecDocument doc, ServiceSpec spec) {
        healthCheck(doc, spec);
        for (int i = 0; i < spec.regions().size(); i++) {
            loadBalancerPlacement(doc, spec.regions().get(i), "/regions/" + i);
            internalAlbKeepsClientIp(doc, spec, spec.regions().get(i), "/regions/" + i);
        }
    }

    /** What deploys but weakens the design, in spec order; empty when nothing does. */
    public static List<DeployWarning> warnings(ServiceSpec spec) {
        List<DeployWarning> out = new ArrayList<>();
        return out;
    }

    /**
     * Rule 5: an internet-facing load balancer needs subnets routed to an internet gateway. The
     * task subnets are private, so defaulting to them builds a load balancer nothing can reach.
     */
    private static void loadBalancerPlacement(SpecDocument doc, RegionSpec region, String at) {
        if (!(region.network() instanceof RegionNetwork.Existing existing)) {
            return;
        }
        if (!region.internal() && existing.publicSubnetIds().isEmpty()) {
            throw doc.error(
                    at,
                    "an internet-facing load balancer in an existing VPC needs publicSubnetIds (subnets routed to an"
                            + " internet gateway); the task subnets are private",
                    "list publicSubnetIds: [subnet-…] of this VPC, or use loadBalancerScheme: internal, which"
                            + " places the load balancer in the task subnets, reachable only through the accelerator");
        }
        if (region.internal() && !existing.publicSubnetIds().isEmpty()) {
            throw doc.error(
                    at + "/publicSubnetIds",
                    "an internal load balancer goes in the task subnets, so publicSubnetIds would be ignored",
                    "remove publicSubnetIds, or set loadBalancerScheme: internet-facing"
                            + (hasOwn(doc, at, "loadBalancerScheme") ? " here" : " (top level or on this region)"));
        }
    }

    /** GA always preserves the client address of an internal ALB; the setting cannot turn it off. */
    private static void internalAlbKeepsClientIp(SpecDocument doc, ServiceSpec spec, RegionSpec region, String at) {
        if (spec.loadBalancer() == ServiceSpec.LoadBalancerKind.ALB
                && region.internal()
                && !spec.accelerator().clientIpPreservation()) {
            throw doc.error(
                    "/accelerator/clientIpPreservation",
                    "Global Accelerator always preserves the client address of an internal ALB (" + region.name()
                            + " at " + SpecDocument.field(at) + ")",
                    "remove clientIpPreservation: false (the ALB's X-Forwarded-For carries the client address),"
                            + " or use loadBalancerScheme: internet-facing");
        }
    }

    /** An ALB's target group probes over HTTP or HTTPS only; a TCP handshake check is an NLB's. */
    private static void healthCheck(SpecDocument doc, ServiceSpec spec) {
        if (spec.loadBalancer() == ServiceSpec.LoadBalancerKind.ALB
                && spec.healthCheck().protocol().orElse(null) == HealthCheckSpec.Protocol.TCP) {
            throw doc.error(
                    "/healthCheck/protocol",
                    "an ALB's health check speaks HTTP or HTTPS, not TCP",
                    "use protocol: HTTP (or HTTPS if the container speaks TLS), or loadBalancer: nlb");
        }
    }

    private static boolean hasOwn(SpecDocument doc, String at, String field) {
        JsonNode node = doc.root().at(at);
        return node.has(field);
    }
}
