package dev.landfall.infra.spec;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * How the load balancer probes a task, beyond the path: the protocol and the port, each absent
 * when the spec leaves it to the default ({@link ServiceSpec#healthCheckProtocol}, the traffic
 * port).
 *
 * @param protocol HTTP, HTTPS or TCP; absent: HTTPS in a TLS-passthrough region, else HTTP
 * @param port the port probed; absent: the container port ({@code traffic-port})
 */
public record HealthCheckSpec(Optional<Protocol> protocol, OptionalInt port) {
    /** Neither given: everything defaults. */
    public static final HealthCheckSpec DEFAULT = new HealthCheckSpec(Optional.empty(), OptionalInt.empty());

    public HealthCheckSpec {
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(port, "port");
    }

    /** What the load balancer speaks to the task when it probes. */
    public enum Protocol {
        /** A GET of the path; a 200-399 (NLB) or 200 (ALB) answer is healthy. */
        HTTP,
        /** The same over TLS; the task's certificate is not verified. */
        HTTPS,
        /** A TCP handshake only (NLB): the path is not probed. */
        TCP
    }
}
