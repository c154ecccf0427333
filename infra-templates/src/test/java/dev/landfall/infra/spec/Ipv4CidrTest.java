package dev.landfall.infra.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class Ipv4CidrTest {
    @Test
    void subnetsAreWhatTerraformsCidrsubnetGives() {
        // The examples of Terraform's cidrsubnet documentation.
        assertEquals("172.18.0.0/16", cidr("172.16.0.0/12").subnet(4, 2).toString());
        assertEquals("10.1.2.240/28", cidr("10.1.2.0/24").subnet(4, 15).toString());
    }

    @Test
    void aCreatedVpcSplitsIntoDisjointSubnetsInsideIt() {
        RegionNetwork.Created network =
                new RegionNetwork.Created(cidr("10.0.0.0/16"), 3, RegionNetwork.NatGateways.PER_ZONE);
        assertEquals("10.0.0.0/18", network.privateSubnet(0).toString());
        assertEquals("10.0.128.0/18", network.privateSubnet(2).toString());
        assertEquals("10.0.192.0/20", network.publicSubnet(0).toString());
        assertEquals("10.0.224.0/20", network.publicSubnet(2).toString());
        for (int a = 0; a < 3; a++) {
            assertTrue(network.privateSubnet(a).within(network.cidr()));
            assertTrue(network.publicSubnet(a).within(network.cidr()));
            for (int b = 0; b < 3; b++) {
                assertFalse(network.privateSubnet(a).within(network.publicSubnet(b)));
                assertFalse(network.publicSubnet(a).within(network.privateSubnet(b)));
            }
        }
        // The smallest VPC allowed still gives public subnets of /28, the smallest AWS allows.
        assertEquals("192.168.7.224/28", cidr("192.168.7.0/24").subnet(4, 14).toString());
    }

    @Test
    void parsingRefusesWhatIsNotANetwork() {
        assertTrue(Ipv4Cidr.parse("10.0.0.1/16").isEmpty(), "host bits set");
        assertEquals(
                "10.0.0.0/16",
                Ipv4Cidr.parseLoosely("10.0.0.1/16").orElseThrow().toString());
        assertTrue(Ipv4Cidr.parse("10.0.0/16").isEmpty());
        assertTrue(Ipv4Cidr.parse("10.0.0.256/24").isEmpty());
        assertTrue(Ipv4Cidr.parse("10.0.0.0/33").isEmpty());
        assertTrue(Ipv4Cidr.parse("010.0.0.0/16").isEmpty(), "leading zeros read as octal by some tools");
        assertThrows(IllegalArgumentException.class, () -> cidr("10.0.0.0/30").subnet(4, 0));
    }

    private static Ipv4Cidr cidr(String text) {
        return Ipv4Cidr.parse(text).orElseThrow();
    }
}
