package dev.landfall.infra.cloudformation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.landfall.infra.spec.Ipv4Cidr;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A region with {@code create: true} gets its own VPC: public subnets for the load balancer and
 * NAT gateways, private subnets for the tasks with egress through NAT, and the service placed in
 * them. Regions with an existing VPC create no network resources.
 */
class CreatedNetworkTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void threeZonesWithANatGatewayEach() throws IOException {
        JsonNode resources = template("three-region", "region-eu-west-1.json").get("Resources");
        assertEquals("10.20.0.0/16", resources.at("/Vpc/Properties/CidrBlock").asText());
        assertEquals(3, count(resources, "AWS::EC2::NatGateway"));
        assertEquals(3, count(resources, "AWS::EC2::EIP"));
        assertEquals(6, count(resources, "AWS::EC2::Subnet"));
        for (int zone = 1; zone <= 3; zone++) {
            JsonNode route = resources.get("PrivateRoute" + zone).get("Properties");
            assertEquals("NatGateway" + zone, route.at("/NatGatewayId/Ref").asText(), "each zone its own NAT");
            assertEquals(
                    "PrivateRouteTable" + zone, route.at("/RouteTableId/Ref").asText());
            assertEquals(
                    zone - 1,
                    resources
                            .at("/PublicSubnet" + zone + "/Properties/AvailabilityZone/Fn::Select/0")
                            .asInt());
            assertEquals(
                    "PublicSubnet" + zone,
                    resources
                            .at("/NatGateway" + zone + "/Properties/SubnetId/Ref")
                            .asText(),
                    "NAT gateways live in public subnets");
        }
        assertEquals(
                "InternetGateway",
                resources.at("/PublicRoute/Properties/GatewayId/Ref").asText());
        assertSubnetsInsideAndDisjoint(resources);
        assertServicePlacedInTheNetwork(resources, 3, true);
    }

    @Test
    void oneSharedNatGatewayWhenAskedAndTwoZones() throws IOException {
        JsonNode resources = template("tls-nlb", "region-us-west-2.json").get("Resources");
        assertEquals("172.20.0.0/20", resources.at("/Vpc/Properties/CidrBlock").asText());
        assertEquals(1, count(resources, "AWS::EC2::NatGateway"));
        assertEquals(4, count(resources, "AWS::EC2::Subnet"));
        for (int zone = 1; zone <= 2; zone++) {
            assertEquals(
                    "NatGateway1",
                    resources
                            .at("/PrivateRoute" + zone + "/Properties/NatGatewayId/Ref")
                            .asText());
        }
        assertSubnetsInsideAndDisjoint(resources);
        assertServicePlacedInTheNetwork(resources, 2, false);
    }

    @Test
    void existingVpcRegionsCreateNoNetwork() throws IOException {
        for (String[] file : new String[][] {
            {"three-region", "region-us-east-1.json"},
            {"one-region", "region-us-east-1.json"},
            {"udp", "region-eu-central-1.json"}
        }) {
            JsonNode template = template(file[0], file[1]);
            template.get("Resources").forEach(resource -> {
                String type = resource.get("Type").asText();
                assertTrue(type.equals("AWS::EC2::SecurityGroup") || !type.startsWith("AWS::EC2::"), type);
            });
            assertFalse(template.get("Outputs").has("VpcId"));
            assertTrue(template.at("/Resources/LoadBalancerSecurityGroup/Properties/VpcId")
                    .isTextual());
        }
    }

    /** An internet-facing load balancer in the public subnets, an internal one beside the tasks. */
    private static void assertServicePlacedInTheNetwork(JsonNode resources, int zones, boolean internetFacing) {
        List<String> publicSubnets = new ArrayList<>();
        List<String> privateSubnets = new ArrayList<>();
        for (int zone = 1; zone <= zones; zone++) {
            publicSubnets.add("PublicSubnet" + zone);
            privateSubnets.add("PrivateSubnet" + zone);
        }
        assertEquals(
                internetFacing ? publicSubnets : privateSubnets,
                refs(resources.at("/LoadBalancer/Properties/Subnets")));
        assertEquals(
                privateSubnets,
                refs(resources.at("/Service/Properties/NetworkConfiguration/AwsvpcConfiguration/Subnets")));
        assertEquals(
                "DISABLED",
                resources
                        .at("/Service/Properties/NetworkConfiguration/AwsvpcConfiguration/AssignPublicIp")
                        .asText());
        for (String user : List.of("LoadBalancerSecurityGroup", "TaskSecurityGroup", "TargetGroup")) {
            assertEquals(
                    "Vpc", resources.at("/" + user + "/Properties/VpcId/Ref").asText(), user);
        }
        List<String> serviceDependsOn = texts(resources.at("/Service/DependsOn"));
        for (int zone = 1; zone <= zones; zone++) {
            assertTrue(serviceDependsOn.contains("PrivateRoute" + zone), "tasks start once they can reach out");
        }
        assertEquals(
                internetFacing ? List.of("PublicRoute") : List.of(), texts(resources.at("/LoadBalancer/DependsOn")));
    }

    private static void assertSubnetsInsideAndDisjoint(JsonNode resources) {
        Ipv4Cidr vpc = Ipv4Cidr.parse(resources.at("/Vpc/Properties/CidrBlock").asText())
                .orElseThrow();
        List<Ipv4Cidr> subnets = new ArrayList<>();
        for (Map.Entry<String, JsonNode> resource : resources.properties()) {
            if (resource.getValue().get("Type").asText().equals("AWS::EC2::Subnet")) {
                Ipv4Cidr subnet = Ipv4Cidr.parse(
                                resource.getValue().at("/Properties/CidrBlock").asText())
                        .orElseThrow();
                assertTrue(subnet.within(vpc), resource.getKey());
                for (Ipv4Cidr other : subnets) {
                    assertFalse(subnet.within(other) || other.within(subnet), subnet + " overlaps " + other);
                }
                subnets.add(subnet);
            }
        }
    }

    private static JsonNode template(String spec, String file) throws IOException {
        return JSON.readTree(Generated.files(spec).get(file));
    }

    private static int count(JsonNode resources, String type) {
        int n = 0;
        for (JsonNode resource : resources) {
            n += resource.get("Type").asText().equals(type) ? 1 : 0;
        }
        return n;
    }

    private static List<String> refs(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(item -> out.add(item.get("Ref").asText()));
        return out;
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(item -> out.add(item.asText()));
        return out;
    }
}
