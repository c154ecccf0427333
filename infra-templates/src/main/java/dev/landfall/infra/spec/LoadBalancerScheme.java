package dev.landfall.infra.spec;

import java.util.Arrays;
import java.util.Optional;

/**
 * Whether a region's load balancer has public addresses. Global Accelerator reaches internal
 * ALB and NLB endpoints too, so {@link #INTERNAL} keeps the origin off the internet: clients can
 * reach it only through the accelerator.
 */
public enum LoadBalancerScheme {
    /** In the task subnets, private addresses only; the default. */
    INTERNAL("internal"),
    /** In public subnets (routed to an internet gateway), reachable around the accelerator. */
    INTERNET_FACING("internet-facing");

    private final String text;

    LoadBalancerScheme(String text) {
        this.text = text;
    }

    /** As the spec, CloudFormation's {@code Scheme} and the docs write it. */
    public String text() {
        return text;
    }

    static Optional<LoadBalancerScheme> parse(String text) {
        return Arrays.stream(values()).filter(s -> s.text.equals(text)).findFirst();
    }
}
