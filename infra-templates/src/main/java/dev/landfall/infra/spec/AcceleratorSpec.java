package dev.landfall.infra.spec;

import java.util.Objects;

/**
 * The Global Accelerator in front of all regions.
 *
 * @param port the public port (the accelerator listener and each region's load balancer listener)
 * @param protocol {@code TCP} or {@code UDP}; GA terminates neither HTTP nor TLS
 * @param clientIpPreservation whether endpoints see the client's source address
 * @param healthCheckIntervalSeconds 10 or 30, the only values AWS documents
 * @param thresholdCount consecutive checks before an endpoint changes health, 1 to 10
 * @param clientAffinity {@code NONE} (each connection may go to any endpoint) or {@code SOURCE_IP}
 *     (a client's connections stick to one endpoint while it is healthy)
 */
public record AcceleratorSpec(
        int port,
        String protocol,
        boolean clientIpPreservation,
        int healthCheckIntervalSeconds,
        int thresholdCount,
        String clientAffinity) {
    /** The listener's affinity when the spec names none. */
    public static final String DEFAULT_CLIENT_AFFINITY = "NONE";

    public AcceleratorSpec {
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(clientAffinity, "clientAffinity");
    }
}
