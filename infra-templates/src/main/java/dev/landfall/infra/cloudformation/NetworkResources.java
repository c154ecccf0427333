package dev.landfall.infra.cloudformation;

import static dev.landfall.infra.cloudformation.Intrinsics.NODES;
import static dev.landfall.infra.cloudformation.Intrinsics.getAtt;
import static dev.landfall.infra.cloudformation.Intrinsics.ref;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.landfall.infra.spec.RegionNetwork;
import dev.landfall.infra.spec.RegionSpec;
import dev.landfall.infra.spec.ServiceSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * The network of a regional stack. For an existing VPC nothing is created and the spec's ids are
 * used as they are. For {@code create: true} the stack gets a VPC with, per availability zone, a
 * public subnet (load balancer nodes and a NAT gateway, routed to an internet gateway) and a
 * private subnet for the tasks, whose outbound traffic (image pulls, secrets, logs, the store)
 * leaves through a NAT gateway: the zone's own, or the single shared one.
 */
final class NetworkResources {
    private static final String ANYWHERE = "0.0.0.0/0";

    private NetworkResources() {}

    static Placement add(CfnTemplate template, ServiceSpec spec, RegionSpec region) {
        if (region.network() instanceof RegionNetwork.Created created) {
            return create(template, spec, created, region.internal());
        }
        RegionNetwork.Existing existing = (RegionNetwork.Existing) region.network();
        ArrayNode loadBalancerSubnets = NODES.arrayNode();
        existing.loadBalancerSubnetIds().forEach(loadBalancerSubnets::add);
        ArrayNode taskSubnets = NODES.arrayNode();
        existing.subnetIds().forEach(taskSubnets::add);
        return new Placement(NODES.textNode(existing.vpcId()), loadBalancerSubnets, taskSubnets, List.of(), List.of());
    }

    private static Placement create(
            CfnTemplate template, ServiceSpec spec, RegionNetwork.Created network, boolean internalLoadBalancer) {
        String service = spec.name();
        template.resource("Vpc", "AWS::EC2::VPC")
                .put("CidrBlock", network.cidr().toString())
                // Interface VPC endpoints with private DNS need both; they cost nothing.
                .put("EnableDnsSupport", true)
                .put("EnableDnsHostnames", true)
                .set("Tags", tags(service, service));
        template.resource("InternetGateway", "AWS::EC2::InternetGateway").set("Tags", tags(service, service));
        ObjectNode attachment = template.resource("InternetGatewayAttachment", "AWS::EC2::VPCGatewayAttachment");
        attachment.set("VpcId", ref("Vpc"));
        attachment.set("InternetGatewayId", ref("InternetGateway"));

        routeTable(template, service, "PublicRouteTable", service + "-public");
        route(template, "PublicRoute", "PublicRouteTable", "GatewayId", "InternetGateway");
        // A route to a gateway that is not yet attached fails to create.
        template.resourceNode("PublicRoute").putArray("DependsOn").add("InternetGatewayAttachment");

        ArrayNode publicSubnets = NODES.arrayNode();
        ArrayNode privateSubnets = NODES.arrayNode();
        List<String> serviceDependsOn = new ArrayList<>();
        for (int zone = 0; zone < network.availabilityZones(); zone++) {
            String publicSubnet = "PublicSubnet" + (zone + 1);
            subnet(template, service, publicSubnet, network.publicSubnet(zone).toString(), zone, "public");
            association(template, publicSubnet, "PublicRouteTable");
            publicSubnets.add(ref(publicSubnet));
        }
        for (int nat = 0; nat < network.natGatewayCount(); nat++) {
            String gateway = "NatGateway" + (nat + 1);
            template.resource(gateway + "Eip", "AWS::EC2::EIP")
                    .put("Domain", "vpc")
                    .set("Tags", tags(service, service + "-nat-" + (nat + 1)));
            // An Elastic IP in a VPC needs the internet gateway attached first.
            template.resourceNode(gateway + "Eip").putArray("DependsOn").add("InternetGatewayAttachment");
            ObjectNode natGateway = template.resource(gateway, "AWS::EC2::NatGateway");
            natGateway.set("AllocationId", getAtt(gateway + "Eip", "AllocationId"));
            natGateway.set("SubnetId", ref("PublicSubnet" + (nat + 1)));
            natGateway.set("Tags", tags(service, service + "-nat-" + (nat + 1)));
        }
        for (int zone = 0; zone < network.availabilityZones(); zone++) {
            String privateSubnet = "PrivateSubnet" + (zone + 1);
            String table = "PrivateRouteTable" + (zone + 1);
            subnet(template, service, privateSubnet, network.privateSubnet(zone).toString(), zone, "private");
            routeTable(template, service, table, service + "-private-" + (zone + 1));
            route(
                    template,
                    "PrivateRoute" + (zone + 1),
                    table,
                    "NatGatewayId",
                    "NatGateway" + (network.natGatewayFor(zone) + 1));
            association(template, privateSubnet, table);
            privateSubnets.add(ref(privateSubnet));
            serviceDependsOn.add("PrivateRoute" + (zone + 1));
            serviceDependsOn.add(privateSubnet + "RouteTableAssociation");
        }
        template.output("VpcId", "The VPC Landfall created (peer or route it to the store's network)", ref("Vpc"));
        if (internalLoadBalancer) {
            // An internal load balancer shares the task subnets; the internet gateway stays, for
            // the NAT gateways and because Global Accelerator reaches internal endpoints only in a
            // VPC that has one.
            return new Placement(ref("Vpc"), privateSubnets, privateSubnets, List.of(), serviceDependsOn);
        }
        return new Placement(ref("Vpc"), publicSubnets, privateSubnets, List.of("PublicRoute"), serviceDependsOn);
    }

    private static void subnet(
            CfnTemplate template, String service, String logicalId, String cidr, int zone, String kind) {
        ObjectNode subnet = template.resource(logicalId, "AWS::EC2::Subnet").put("CidrBlock", cidr);
        subnet.set("VpcId", ref("Vpc"));
        ObjectNode select = NODES.objectNode();
        select.putArray("Fn::Select").add(zone).addObject().put("Fn::GetAZs", "");
        subnet.set("AvailabilityZone", select);
        // The load balancer and NAT gateways bring their own addresses; nothing else gets a public one.
        subnet.put("MapPublicIpOnLaunch", false);
        subnet.set("Tags", tags(service, service + "-" + kind + "-" + (zone + 1)));
    }

    private static void routeTable(CfnTemplate template, String service, String logicalId, String name) {
        ObjectNode table = template.resource(logicalId, "AWS::EC2::RouteTable");
        table.set("VpcId", ref("Vpc"));
        table.set("Tags", tags(service, name));
    }

    private static void route(CfnTemplate template, String logicalId, String table, String targetKey, String target) {
        ObjectNode route = template.resource(logicalId, "AWS::EC2::Route").put("DestinationCidrBlock", ANYWHERE);
        route.set("RouteTableId", ref(table));
        route.set(targetKey, ref(target));
    }

    private static void association(CfnTemplate template, String subnet, String table) {
        ObjectNode association =
                template.resource(subnet + "RouteTableAssociation", "AWS::EC2::SubnetRouteTableAssociation");
        association.set("SubnetId", ref(subnet));
        association.set("RouteTableId", ref(table));
    }

    /** The service tag plus a {@code Name}, which the VPC console shows in every list. */
    private static ArrayNode tags(String service, String name) {
        ArrayNode tags = Intrinsics.tags(service);
        tags.addObject().put("Key", "Name").put("Value", name);
        return tags;
    }
}
