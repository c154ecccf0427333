package dev.landfall.infra.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.landfall.core.error.LandfallException;
import org.junit.jupiter.api.Test;

/** {@code regions[].create} and {@code regions[].certificateArn}: what is accepted, and each error. */
class RegionNetworkSpecTest {
    private static final String EXISTING_EU = "  - name: eu-west-1\n"
            + "    vpcId: vpc-0fedcba9876543210\n"
            + "    subnetIds: [subnet-0fedcba9876543210, subnet-0fedcba9876543211]\n";
    private static final String EXAMPLE = SpecExample.text();
    /** The example with eu-west-1 in a VPC Landfall creates; its region fields start on line 49. */
    private static final String CREATED = EXAMPLE.replace(EXISTING_EU, "  - name: eu-west-1\n    create: true\n");

    @Test
    void createTrueGivesAThreeZoneVpcWithANatGatewayPerZoneByDefault() {
        assertTrue(EXAMPLE.contains(EXISTING_EU));
        RegionSpec region = SpecParser.parse("landfall.yaml", CREATED).regions().get(1);
        RegionNetwork.Created network = (RegionNetwork.Created) region.network();
        assertEquals("10.0.0.0/16", network.cidr().toString());
        assertEquals(3, network.availabilityZones());
        assertEquals(3, network.natGatewayCount());
        assertEquals(2, network.natGatewayFor(2));
    }

    @Test
    void theNetworkCanBeShaped() {
        RegionNetwork.Created network =
                created("    cidr: 172.20.0.0/20\n    availabilityZones: 2\n" + "    natGateways: single\n");
        assertEquals("172.20.0.0/20", network.cidr().toString());
        assertEquals(2, network.availabilityZones());
        assertEquals(1, network.natGatewayCount());
        assertEquals(0, network.natGatewayFor(1));
    }

    @Test
    void createTogetherWithVpcIdsIsAnErrorWithTheFix() {
        LandfallException e = fails(EXAMPLE.replace(EXISTING_EU, EXISTING_EU + "    create: true\n"));
        assertEquals(
                "landfall.yaml:49:12: regions[1].vpcId: cannot be given with create: true, which makes Landfall"
                        + " create the VPC and its subnets",
                e.getMessage());
        assertEquals(
                "remove vpcId, subnetIds and publicSubnetIds to have Landfall create the network, or remove"
                        + " create: true to use this VPC",
                e.hint().orElseThrow());
        LandfallException subnets = fails(CREATED.replace(
                "    create: true\n", "    create: true\n    publicSubnetIds: [subnet-0fedcba9876543212]\n"));
        assertTrue(
                subnets.getMessage().startsWith("landfall.yaml:50:22: regions[1].publicSubnetIds: cannot be given"),
                subnets.getMessage());
    }

    @Test
    void aBadCidrNamesTheFix() {
        LandfallException hostBits = fails(withNetwork("    cidr: 10.0.0.1/16\n"));
        assertEquals(
                "landfall.yaml:50:11: regions[1].cidr: '10.0.0.1/16' is not an IPv4 network in CIDR notation",
                hostBits.getMessage());
        assertEquals(
                "its host bits are not zero; did you mean 10.0.0.0/16?",
                hostBits.hint().orElseThrow());
        assertEquals(
                "write a private range such as 10.0.0.0/16",
                fails(withNetwork("    cidr: 10.0.0/16\n")).hint().orElseThrow());
        LandfallException tooBig = fails(withNetwork("    cidr: 10.0.0.0/8\n"));
        assertTrue(tooBig.getMessage().startsWith("landfall.yaml:50:11: regions[1].cidr: 10.0.0.0/8 is a /8"));
        assertTrue(tooBig.getMessage().endsWith("needs /16 to /24"), tooBig.getMessage());
        LandfallException publicRange = fails(withNetwork("    cidr: 8.8.0.0/16\n"));
        assertTrue(publicRange.getMessage().contains("8.8.0.0/16 is not a private address range"));
        assertTrue(publicRange.hint().orElseThrow().contains("10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16"));
    }

    @Test
    void networkShapeNeedsCreate() {
        LandfallException e = fails(EXAMPLE.replace(EXISTING_EU, EXISTING_EU + "    natGateways: single\n"));
        assertTrue(
                e.getMessage().startsWith("landfall.yaml:51:18: regions[1].natGateways: only applies to a VPC"),
                e.getMessage());
        assertEquals(
                "add create: true to have Landfall create the VPC, or remove natGateways",
                e.hint().get());
        LandfallException neither = fails(EXAMPLE.replace(EXISTING_EU, "  - name: eu-west-1\n"));
        assertTrue(
                neither.getMessage().contains("regions[1].vpcId: is missing: a region needs an existing VPC"),
                neither.getMessage());
        assertTrue(fails(withNetwork("    natGateways: one\n"))
                .hint()
                .orElseThrow()
                .startsWith("use per-zone"));
        assertTrue(fails(withNetwork("    availabilityZones: 4\n"))
                .getMessage()
                .contains("must be a whole number from 2 to 3"));
    }

    @Test
    void usWest1OffersTwoZones() {
        String usWest1 = CREATED.replace("name: eu-west-1", "name: us-west-1");
        RegionSpec region = SpecParser.parse("landfall.yaml", usWest1).regions().get(1);
        assertEquals(2, ((RegionNetwork.Created) region.network()).availabilityZones());
        LandfallException e =
                fails(usWest1.replace("    create: true\n", "    create: true\n    availabilityZones: 3\n"));
        assertTrue(e.getMessage().contains("only 2 availability zones in us-west-1"), e.getMessage());
        assertEquals("use availabilityZones: 2", e.hint().orElseThrow());
    }

    @Test
    void aCertificateMustBeAnAcmArnInTheLoadBalancersRegion() {
        String arn = "arn:aws:acm:eu-west-1:111122223333:certificate/0f1e2d3c-4b5a-6978-8695-a4b3c2d1e0f9";
        RegionSpec region = SpecParser.parse(
                        "landfall.yaml", tlsInUsEast1(withNetwork("    certificateArn: " + arn + "\n")))
                .regions()
                .get(1);
        assertEquals(arn, region.certificate().orElseThrow().value());
        assertTrue(SpecParser.parse("landfall.yaml", EXAMPLE)
                .regions()
                .get(0)
                .certificate()
                .isEmpty());

        LandfallException elsewhere =
                fails(tlsInUsEast1(withNetwork("    certificateArn: " + arn.replace("eu-west-1", "us-east-1") + "\n")));
        assertEquals(
                "landfall.yaml:51:21: regions[1].certificateArn: is a certificate in us-east-1, but this load"
                        + " balancer is in eu-west-1",
                elsewhere.getMessage());
        assertEquals(
                "ACM certificates are regional: request or import the certificate in eu-west-1 and give that ARN",
                elsewhere.hint().orElseThrow());
        LandfallException iam =
                fails(withNetwork("    certificateArn: arn:aws:iam::111122223333:server-certificate/api\n"));
        assertTrue(iam.getMessage().contains("is not an ACM certificate ARN"), iam.getMessage());
        LandfallException udp =
                fails(withNetwork("    certificateArn: " + arn + "\n").replace("protocol: TCP", "protocol: UDP"));
        assertTrue(udp.getMessage().contains("regions[1].certificateArn: TLS needs accelerator.protocol: TCP"));
    }

    @Test
    void theExamplesCommentedOutRegionIsValidOnceUncommented() {
        StringBuilder text = new StringBuilder();
        boolean inBlock = false;
        for (String line : EXAMPLE.split("\n", -1)) {
            inBlock = line.equals("  # - name: ap-southeast-1") || (inBlock && line.startsWith("  #   "));
            text.append(inBlock ? line.replaceFirst("^  # ", "  ") : line).append('\n');
        }
        RegionSpec region =
                SpecParser.parse("landfall.yaml", text.toString()).regions().get(2);
        assertEquals("ap-southeast-1", region.name());
        assertTrue(region.network() instanceof RegionNetwork.Created);
        assertTrue(region.certificate().isEmpty());
    }

    /**
     * A certificate in us-east-1 too, and no client IP preservation: an NLB with TLS in some
     * regions and passthrough in others, or with TLS and preservation, is refused (ListenerRules).
     */
    private static String tlsInUsEast1(String text) {
        return text.replace(
                        "subnetIds: [subnet-0123456789abcdef0, subnet-0123456789abcdef1]\n",
                        "subnetIds: [subnet-0123456789abcdef0, subnet-0123456789abcdef1]\n    certificateArn:"
                                + " arn:aws:acm:us-east-1:111122223333:certificate/0f1e2d3c-4b5a-6978-8695-a4b3c2d1e0f9\n")
                .replace("clientIpPreservation: true", "clientIpPreservation: false");
    }

    private static String withNetwork(String lines) {
        return CREATED.replace("    create: true\n", "    create: true\n" + lines);
    }

    private static RegionNetwork.Created created(String lines) {
        return (RegionNetwork.Created) SpecParser.parse("landfall.yaml", withNetwork(lines))
                .regions()
                .get(1)
                .network();
    }

    private static LandfallException fails(String text) {
        LandfallException e = assertThrows(LandfallException.class, () -> SpecParser.parse("landfall.yaml", text));
        assertEquals(2, e.exitCode());
        return e;
    }
}
