package dev.landfall.infra.terraform;

import dev.landfall.infra.spec.RegionNetwork;
import dev.landfall.infra.spec.RegionSpec;
import dev.landfall.infra.spec.ServiceSpec;

/**
 * {@code modules/network}: the VPC of a region whose spec says {@code create: true}, the same
 * network as the CloudFormation regional stack creates. Per availability zone a public subnet
 * (load balancer nodes, NAT gateway) and a private subnet for the tasks; the private subnets leave
 * through their zone's NAT gateway, or through the single one when {@code single_nat_gateway}.
 * Written only when some region creates its network, so specs with existing VPCs keep their output.
 */
final class NetworkModule {
    private static final String ZONES = "var.availability_zones";
    private static final String NAT_COUNT = "var.single_nat_gateway ? 1 : var.availability_zones";

    private NetworkModule() {}

    static boolean needed(ServiceSpec spec) {
        return spec.regions().stream().anyMatch(region -> region.network() instanceof RegionNetwork.Created);
    }

    static String variables() {
        HclWriter w = new HclWriter();
        RegionModule.variable(w, "cidr", "string", "Address range of the VPC, /16 to /24");
        RegionModule.variable(w, "availability_zones", "number", "Availability zones the subnets span, 2 or 3");
        RegionModule.variable(
                w, "single_nat_gateway", "bool", "One NAT gateway for every zone (cheaper) instead of one per zone");
        return w.text();
    }

    static String outputs() {
        HclWriter w = new HclWriter();
        RegionModule.output(w, "vpc_id", "The VPC", "aws_vpc.this.id");
        // The outputs wait for the routes: a load balancer or task placed in a subnet before its
        // route exists would be unreachable, or could not pull its image.
        outputAfter(
                w,
                "public_subnet_ids",
                "Subnets of the internet-facing load balancer",
                "aws_subnet.public[*].id",
                "[aws_route.public_internet, aws_route_table_association.public]");
        outputAfter(
                w,
                "private_subnet_ids",
                "Subnets of the tasks, with egress through NAT",
                "aws_subnet.private[*].id",
                "[aws_route.private_nat, aws_route_table_association.private]");
        return w.text();
    }

    static String main(ServiceSpec spec) {
        String name = spec.name();
        HclWriter w = HclWriter.generated("the network of " + name + " in each region with create: true");
        w.block("data", "aws_availability_zones", "available")
                .literal("state", "available")
                .comment("Local and Wavelength Zones need an opt-in and have no NAT gateways.")
                .block("filter")
                .literal("name", "opt-in-status")
                .attribute("values", HclWriter.stringList(java.util.List.of("opt-in-not-required")))
                .close()
                .close()
                .blankLine();
        w.block("resource", "aws_vpc", "this")
                .attribute("cidr_block", "var.cidr")
                .comment("Interface VPC endpoints with private DNS need both; they cost nothing.")
                .attribute("enable_dns_support", true)
                .attribute("enable_dns_hostnames", true)
                .attribute("tags", nameTag(HclWriter.string(name)))
                .close()
                .blankLine();
        w.block("resource", "aws_internet_gateway", "this")
                .attribute("vpc_id", "aws_vpc.this.id")
                .attribute("tags", nameTag(HclWriter.string(name)))
                .close()
                .blankLine();
        subnets(w, name, "public", "cidrsubnet(var.cidr, 4, 12 + count.index)");
        w.block("resource", "aws_route_table", "public")
                .attribute("vpc_id", "aws_vpc.this.id")
                .attribute("tags", nameTag(HclWriter.string(name + "-public")))
                .close()
                .blankLine();
        w.block("resource", "aws_route", "public_internet")
                .attribute("route_table_id", "aws_route_table.public.id")
                .literal("destination_cidr_block", "0.0.0.0/0")
                .attribute("gateway_id", "aws_internet_gateway.this.id")
                .close()
                .blankLine();
        associations(w, "public", "aws_route_table.public.id");
        // An Elastic IP or NAT gateway in a VPC needs the internet gateway attached first.
        w.block("resource", "aws_eip", "nat")
                .attribute("count", NAT_COUNT)
                .literal("domain", "vpc")
                .attribute("tags", nameTag(numbered(name + "-nat-")))
                .attribute("depends_on", "[aws_internet_gateway.this]")
                .close()
                .blankLine();
        w.block("resource", "aws_nat_gateway", "this")
                .attribute("count", NAT_COUNT)
                .attribute("allocation_id", "aws_eip.nat[count.index].id")
                .attribute("subnet_id", "aws_subnet.public[count.index].id")
                .attribute("tags", nameTag(numbered(name + "-nat-")))
                .attribute("depends_on", "[aws_internet_gateway.this]")
                .close()
                .blankLine();
        subnets(w, name, "private", "cidrsubnet(var.cidr, 2, count.index)");
        w.block("resource", "aws_route_table", "private")
                .attribute("count", ZONES)
                .attribute("vpc_id", "aws_vpc.this.id")
                .attribute("tags", nameTag(numbered(name + "-private-")))
                .close()
                .blankLine();
        w.block("resource", "aws_route", "private_nat")
                .attribute("count", ZONES)
                .attribute("route_table_id", "aws_route_table.private[count.index].id")
                .literal("destination_cidr_block", "0.0.0.0/0")
                .attribute("nat_gateway_id", "aws_nat_gateway.this[var.single_nat_gateway ? 0 : count.index].id")
                .close()
                .blankLine();
        associations(w, "private", "aws_route_table.private[count.index].id");
        return w.text();
    }

    /**
     * Public subnets are a sixteenth of the VPC each, from its last quarter; private ones a quarter
     * each: the same ranges as {@code RegionNetwork.Created} gives CloudFormation.
     */
    private static void subnets(HclWriter w, String name, String kind, String cidr) {
        w.block("resource", "aws_subnet", kind)
                .attribute("count", ZONES)
                .attribute("vpc_id", "aws_vpc.this.id")
                .attribute("availability_zone", "data.aws_availability_zones.available.names[count.index]")
                .attribute("cidr_block", cidr);
        if (kind.equals("public")) {
            w.comment("The load balancer and NAT gateways bring their own addresses; nothing else gets a public one.");
        }
        w.attribute("map_public_ip_on_launch", false)
                .attribute("tags", nameTag(numbered(name + "-" + kind + "-")))
                .close()
                .blankLine();
    }

    private static void associations(HclWriter w, String kind, String table) {
        w.block("resource", "aws_route_table_association", kind)
                .attribute("count", ZONES)
                .attribute("subnet_id", "aws_subnet." + kind + "[count.index].id")
                .attribute("route_table_id", table)
                .close()
                .blankLine();
    }

    private static String nameTag(String value) {
        return "{ Name = " + value + " }";
    }

    /** {@code "prefix${count.index + 1}"}: the literal prefix escaped, then the zone's number. */
    private static String numbered(String prefix) {
        String literal = HclWriter.string(prefix);
        return literal.substring(0, literal.length() - 1) + "${count.index + 1}\"";
    }

    private static void outputAfter(HclWriter w, String name, String description, String value, String dependsOn) {
        w.block("output", name)
                .literal("description", description)
                .attribute("value", value)
                .attribute("depends_on", dependsOn)
                .close()
                .blankLine();
    }

    /** The region root's block that creates {@code region}'s network. */
    static void call(HclWriter w, RegionSpec region, RegionNetwork.Created network) {
        w.block("module", Names.networkModule(region.name())).literal("source", "../modules/network");
        w.literal("cidr", network.cidr().toString())
                .attribute("availability_zones", network.availabilityZones())
                .attribute("single_nat_gateway", network.natGateways() == RegionNetwork.NatGateways.SINGLE)
                .close()
                .blankLine();
    }
}
