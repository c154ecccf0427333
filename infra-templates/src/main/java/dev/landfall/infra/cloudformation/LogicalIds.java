package dev.landfall.infra.cloudformation;

import java.util.Locale;

/** Logical ids and parameter names derived from region codes: {@code eu-west-1} → {@code EuWest1}. */
public final class LogicalIds {
    private LogicalIds() {}

    static String region(String region) {
        StringBuilder out = new StringBuilder();
        for (String part : region.split("-")) {
            out.append(part.substring(0, 1).toUpperCase(Locale.ROOT)).append(part.substring(1));
        }
        return out.toString();
    }

    /** The global stack's parameter that receives a region's load balancer ARN. */
    static String loadBalancerArnParameter(String region) {
        return "LoadBalancerArn" + region(region);
    }

    /** The global stack's parameter that owns a region's traffic dial. */
    public static String trafficDialParameter(String region) {
        return "TrafficDial" + region(region);
    }

    static String regionalFile(String region) {
        return "region-" + region + ".json";
    }

    static String regionalStack(String service, String region) {
        return service + "-" + region;
    }

    public static String globalStack(String service) {
        return service + "-global";
    }
}
