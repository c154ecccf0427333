package dev.landfall.infra.cutover;

import java.util.Objects;

/**
 * One region's endpoint group in the service's accelerator.
 *
 * @param region the AWS region the group sends traffic to
 * @param arn the endpoint group's ARN
 * @param acceleratorArn the accelerator it belongs to, whose status tells when a change is live
 */
public record EndpointGroupRef(String region, String arn, String acceleratorArn) {
    public EndpointGroupRef {
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(arn, "arn");
        Objects.requireNonNull(acceleratorArn, "acceleratorArn");
    }
}
