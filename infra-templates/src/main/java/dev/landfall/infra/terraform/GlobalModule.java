package dev.landfall.infra.terraform;

import dev.landfall.infra.spec.AcceleratorSpec;
import dev.landfall.infra.spec.RegionSpec;
import dev.landfall.infra.spec.ServiceSpec;

/**
 * {@code modules/global}: one Global Accelerator, its listener and an endpoint group per region
 * pointing at that region's load balancer. Each dial is a variable defaulting to 0, so a new
 * region takes no traffic until the cutover raises it. No {@code ignore_changes} on the dial:
 * the variable owns it (docs/infra.md, "Who owns the traffic dials").
 */
final class GlobalModule {
    /** GA's default endpoint weight; one endpoint per group, so the weight only matters at 0. */
    private static final int ENDPOINT_WEIGHT = 128;

    private GlobalModule() {}

    static String variables(ServiceSpec spec) {
        HclWriter w = new HclWriter();
        for (RegionSpec region : spec.regions()) {
            RegionModule.variable(
                    w, Names.loadBalancerArn(region.name()), "string", "ARN of the load balancer in " + region.name());
            trafficDial(w, region.name());
        }
        return w.text();
    }

    /** A dial variable: 0-100, default 0; the accelerator's root and this module declare it alike. */
    static void trafficDial(HclWriter w, String region) {
        w.block("variable", Names.trafficDial(region))
                .attribute("type", "number")
                .literal(
                        "description",
                        "Percent of " + region
                                + "'s traffic it keeps (0-100); landfall cutover prints the value to keep when it ends")
                .attribute("default", 0)
                .block("validation")
                .attribute(
                        "condition",
                        "var." + Names.trafficDial(region) + " >= 0 && var." + Names.trafficDial(region) + " <= 100")
                .literal("error_message", "A traffic dial is a percentage from 0 to 100.")
                .close()
                .close()
                .blankLine();
    }

    static String outputs() {
        return outputs(
                "aws_globalaccelerator_accelerator.this.id",
                "aws_globalaccelerator_accelerator.this.dns_name",
                "join(\",\", aws_globalaccelerator_accelerator.this.ip_sets[0].ip_addresses)");
    }

    /** The accelerator's outputs with these values: this module's resources, or the root passing them on. */
    static String outputs(String arn, String dnsName, String ipv4Addresses) {
        HclWriter w = new HclWriter();
        RegionModule.output(w, "accelerator_arn", "The accelerator (for landfall cutover)", arn);
        RegionModule.output(w, "accelerator_dns_name", "Point clients here", dnsName);
        RegionModule.output(w, "accelerator_ipv4_addresses", "The two static anycast addresses", ipv4Addresses);
        return w.text();
    }

    static String main(ServiceSpec spec) {
        AcceleratorSpec ga = spec.accelerator();
        HclWriter w = HclWriter.generated("Global Accelerator for " + spec.name() + " across "
                + spec.regions().size() + " region(s)");
        w.block("resource", "aws_globalaccelerator_accelerator", "this")
                .literal("name", spec.name())
                .attribute("enabled", true)
                .literal("ip_address_type", "IPV4")
                // Its two static IPs are what clients and DNS point at; destroying it loses them for good.
                .block("lifecycle")
                .attribute("prevent_destroy", true)
                .close()
                .close()
                .blankLine();
        w.block("resource", "aws_globalaccelerator_listener", "this")
                .attribute("accelerator_arn", "aws_globalaccelerator_accelerator.this.id")
                .literal("protocol", ga.protocol())
                .literal("client_affinity", ga.clientAffinity())
                .block("port_range")
                .attribute("from_port", ga.port())
                .attribute("to_port", ga.port())
                .close()
                .close()
                .blankLine();
        for (RegionSpec region : spec.regions()) {
            w.block("resource", "aws_globalaccelerator_endpoint_group", Names.region(region.name()))
                    .attribute("listener_arn", "aws_globalaccelerator_listener.this.id")
                    .literal("endpoint_group_region", region.name())
                    .attribute("health_check_interval_seconds", ga.healthCheckIntervalSeconds())
                    .attribute("threshold_count", ga.thresholdCount())
                    .attribute("traffic_dial_percentage", "var." + Names.trafficDial(region.name()))
                    .block("endpoint_configuration")
                    .attribute("endpoint_id", "var." + Names.loadBalancerArn(region.name()))
                    .attribute("weight", ENDPOINT_WEIGHT)
                    .attribute("client_ip_preservation_enabled", ga.clientIpPreservation())
                    .close()
                    .close()
                    .blankLine();
        }
        return w.text();
    }
}
