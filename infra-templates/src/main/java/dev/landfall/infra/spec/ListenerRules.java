package dev.landfall.infra.spec;

import dev.landfall.infra.spec.ServiceSpec.LoadBalancerKind;
import java.util.ArrayList;
import java.util.List;

/**
 * Deploy-time rules between the load balancer listener, its target group and the accelerator
 * endpoint: combinations every template linter accepts and AWS refuses (or that cannot work) only
 * when the stack is deployed. Sources are in docs/infra.md, "Deploy-time rules Landfall checks".
 */
final class ListenerRules {
    static final String PRESERVATION = "/accelerator/clientIpPreservation";

    private ListenerRules() {}

    static void check(SpecProblems problems, ServiceSpec spec) {
        if (problems.failed("/loadBalancer", "/accelerator/protocol", PRESERVATION)) {
            return;
        }
        for (int i = 0; i < spec.regions().size(); i++) {
            if (problems.failed("/regions/" + i + "/certificateArn")) {
                // A certificate that did not parse reads as none: the rules below would misjudge it.
                return;
            }
        }
        tlsListenerWithPreservation(problems, spec);
        udpWithoutPreservation(problems, spec);
        mixedTlsOnOnePort(problems, spec);
    }

    /**
     * Global Accelerator cannot preserve the client IP for an NLB with a TLS listener, so the
     * endpoint is refused at deploy. The fix is on the accelerator (or the certificate): point there.
     */
    private static void tlsListenerWithPreservation(SpecProblems problems, ServiceSpec spec) {
        List<String> tls = regionsWithCertificate(spec, true);
        // Over UDP a certificate is refused already (TLS needs TCP); one message is enough.
        if (spec.loadBalancer() == LoadBalancerKind.NLB
                && spec.accelerator().protocol().equals("TCP")
                && spec.accelerator().clientIpPreservation()
                && !tls.isEmpty()) {
            problems.error(
                    PRESERVATION,
                    "client IP preservation (the default) is on, and the NLB in " + String.join(", ", tls)
                            + " has a TLS listener (certificateArn); Global Accelerator cannot preserve the client IP"
                            + " for an NLB with TLS listeners and refuses it as an endpoint",
                    "set accelerator.clientIpPreservation: false, or drop certificateArn to pass TLS through to the"
                            + " container");
        }
    }

    /** A UDP target group always preserves the client IP; setting it off fails at deploy. */
    private static void udpWithoutPreservation(SpecProblems problems, ServiceSpec spec) {
        if (spec.accelerator().protocol().equals("UDP") && !spec.accelerator().clientIpPreservation()) {
            problems.error(
                    PRESERVATION,
                    "is false, but a UDP target group cannot turn client IP preservation off (the NLB refuses"
                            + " preserve_client_ip.enabled: false for UDP)",
                    "remove clientIpPreservation: false (UDP always sees the client IP), or use protocol: TCP");
        }
    }

    /**
     * With an NLB, a region with a certificate sends the container plain TCP and one without passes
     * the client's TLS through; every region runs the same task definition on one container port,
     * which cannot speak both.
     */
    private static void mixedTlsOnOnePort(SpecProblems problems, ServiceSpec spec) {
        if (spec.loadBalancer() != LoadBalancerKind.NLB) {
            return;
        }
        List<String> tls = regionsWithCertificate(spec, true);
        List<String> passthrough = regionsWithCertificate(spec, false);
        if (tls.isEmpty() || passthrough.isEmpty()) {
            return;
        }
        int first = firstRegionWithout(spec);
        problems.error(
                "/regions/" + first + "/certificateArn",
                "is missing here but set in " + String.join(", ", tls) + ": the NLB would pass TLS through to port "
                        + spec.port() + " in " + String.join(", ", passthrough) + " and send plain TCP to the same"
                        + " port in " + String.join(", ", tls) + ", and one container port cannot speak both",
                "give every region a certificateArn (TLS ends at the load balancer), or none (the container"
                        + " terminates TLS)");
    }

    private static List<String> regionsWithCertificate(ServiceSpec spec, boolean with) {
        List<String> out = new ArrayList<>();
        for (RegionSpec region : spec.regions()) {
            if (region.certificate().isPresent() == with) {
                out.add(region.name());
            }
        }
        return out;
    }

    private static int firstRegionWithout(ServiceSpec spec) {
        for (int i = 0; i < spec.regions().size(); i++) {
            if (spec.regions().get(i).certificate().isEmpty()) {
                return i;
            }
        }
        throw new IllegalStateException("no region without a certificate");
    }
}
