package dev.landfall.infra.cloudformation;

import static dev.landfall.infra.cloudformation.Intrinsics.getAtt;
import static dev.landfall.infra.cloudformation.Intrinsics.object;
import static dev.landfall.infra.cloudformation.Intrinsics.ref;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.landfall.infra.TemplateGenerator;
import dev.landfall.infra.spec.AcceleratorSpec;
import dev.landfall.infra.spec.RegionSpec;
import dev.landfall.infra.spec.ServiceSpec;

/**
 * The global stack: one Global Accelerator, its listener and an endpoint group per region that
 * points at the region's load balancer (an ARN passed in as a parameter, because stacks in other
 * regions cannot be imported). Each region's traffic dial is a parameter defaulting to 0, so a
 * new region takes no traffic until the cutover raises it, and a later stack update keeps
 * whatever value the cutover last set (see docs/infra.md).
 */
public final class GlobalStackTemplate {
    /** GA's default endpoint weight; one endpoint per group, so the weight only matters at 0. */
    private static final int ENDPOINT_WEIGHT = 128;

    private GlobalStackTemplate() {}

    public static ObjectNode build(ServiceSpec spec) {
        AcceleratorSpec ga = spec.accelerator();
        CfnTemplate template = new CfnTemplate(TemplateGenerator.notice("Global Accelerator for " + spec.name()
                + " across " + spec.regions().size() + " region(s)"));
        for (RegionSpec region : spec.regions()) {
            template.parameter(
                            LogicalIds.loadBalancerArnParameter(region.name()),
                            "String",
                            "LoadBalancerArn output of stack " + LogicalIds.regionalStack(spec.name(), region.name()))
                    .put(
                            "AllowedPattern",
                            "arn:aws[a-z-]*:elasticloadbalancing:" + region.name()
                                    + ":[0-9]{12}:loadbalancer/(net|app)/.+");
            template.parameter(
                            LogicalIds.trafficDialParameter(region.name()),
                            "Number",
                            "Percent of " + region.name() + "'s traffic it keeps (0-100). Starts at 0; during a cutover"
                                    + " landfall cutover --region sets the live dial, then prints the value to set here")
                    .put("Default", "0")
                    .put("MinValue", "0")
                    .put("MaxValue", "100");
        }
        ObjectNode accelerator = template.resource("Accelerator", "AWS::GlobalAccelerator::Accelerator")
                .put("Name", spec.name())
                .put("Enabled", true)
                .put("IpAddressType", "IPV4");
        accelerator.set("Tags", Intrinsics.tags(spec.name()));
        // The two static IPs are what clients and DNS point at; deleting or replacing the
        // accelerator loses them for good, so the stack leaves it behind instead.
        retain(template, "Accelerator");

        ObjectNode listener = template.resource("Listener", "AWS::GlobalAccelerator::Listener")
                .put("Protocol", ga.protocol())
                .put("ClientAffinity", ga.clientAffinity());
        listener.set("AcceleratorArn", ref("Accelerator"));
        listener.putArray("PortRanges").addObject().put("FromPort", ga.port()).put("ToPort", ga.port());

        for (RegionSpec region : spec.regions()) {
            ObjectNode group = template.resource(
                            "EndpointGroup" + LogicalIds.region(region.name()), "AWS::GlobalAccelerator::EndpointGroup")
                    .put("EndpointGroupRegion", region.name())
                    .put("HealthCheckIntervalSeconds", ga.healthCheckIntervalSeconds())
                    .put("ThresholdCount", ga.thresholdCount());
            group.set("ListenerArn", ref("Listener"));
            group.set("TrafficDialPercentage", ref(LogicalIds.trafficDialParameter(region.name())));
            ArrayNode endpoints = group.putArray("EndpointConfigurations");
            ObjectNode endpoint = endpoints.addObject();
            endpoint.set("EndpointId", ref(LogicalIds.loadBalancerArnParameter(region.name())));
            endpoint.put("Weight", ENDPOINT_WEIGHT).put("ClientIPPreservationEnabled", ga.clientIpPreservation());
        }
        template.output("AcceleratorArn", "The accelerator (for landfall cutover)", ref("Accelerator"));
        template.output("AcceleratorDnsName", "Point clients here", getAtt("Accelerator", "DnsName"));
        ObjectNode join = object();
        join.putArray("Fn::Join").add(",").add(getAtt("Accelerator", "Ipv4Addresses"));
        template.output("AcceleratorIpv4Addresses", "The two static anycast addresses", join);
        return template.toJson();
    }

    /** Kept when the stack is deleted or the resource replaced (removed by hand, if ever). */
    static void retain(CfnTemplate template, String logicalId) {
        template.resourceNode(logicalId).put("DeletionPolicy", "Retain").put("UpdateReplacePolicy", "Retain");
    }
}
