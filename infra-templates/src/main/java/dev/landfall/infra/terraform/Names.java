package dev.landfall.infra.terraform;

import java.util.Locale;

/** Terraform names derived from region codes: {@code eu-west-1} → {@code eu_west_1}. */
public final class Names {
    static final String GLOBAL_REGION = "us-west-2";

    private Names() {}

    static String region(String region) {
        return region.replace('-', '_').toLowerCase(Locale.ROOT);
    }

    /** The root module's block for a region, such as {@code region_eu_west_1}. */
    static String regionModule(String region) {
        return "region_" + region(region);
    }

    /** The root module's block that creates a region's VPC, such as {@code network_eu_west_1}. */
    static String networkModule(String region) {
        return "network_" + region(region);
    }

    /** The variable that owns a region's traffic dial, in the root and the global module. */
    public static String trafficDial(String region) {
        return "traffic_dial_" + region(region);
    }

    static String loadBalancerArn(String region) {
        return "load_balancer_arn_" + region(region);
    }
}
