package dev.landfall.infra.terraform;

import java.util.Locale;

/** Terraform names derived from region codes: {@code eu-west-1} → {@code eu_west_1}. */
public final class Names {
    static final String GLOBAL_REGION = "us-west-2";
    /** The accelerator's root module, its own Terraform state. */
    public static final String GLOBAL_ROOT = "global";
    /**
     * Where the cutover's dial values live, relative to the Terraform output: beside the
     * accelerator's root, which reads it on every plan and apply.
     */
    public static final String DIALS_FILE = GLOBAL_ROOT + "/traffic-dials.auto.tfvars";

    private Names() {}

    static String region(String region) {
        return region.replace('-', '_').toLowerCase(Locale.ROOT);
    }

    /** A region's root module (its own Terraform state), such as {@code region-eu-west-1}. */
    static String regionRoot(String region) {
        return "region-" + region;
    }

    /** The root module's block for a region, such as {@code region_eu_west_1}. */
    static String regionModule(String region) {
        return "region_" + region(region);
    }

    /** The root module's block that creates a region's VPC, such as {@code network_eu_west_1}. */
    static String networkModule(String region) {
        return "network_" + region(region);
    }

    /** The variable that owns a region's traffic dial, in the accelerator's root and the global module. */
    public static String trafficDial(String region) {
        return "traffic_dial_" + region(region);
    }

    static String loadBalancerArn(String region) {
        return "load_balancer_arn_" + region(region);
    }
}
