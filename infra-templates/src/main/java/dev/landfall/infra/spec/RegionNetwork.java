package dev.landfall.infra.spec;

import java.util.List;
import java.util.Objects;

/** Where a region's load balancer and tasks live: a VPC the operator has, or one Landfall creates. */
public sealed interface RegionNetwork {

    /**
     * An existing VPC, given by id.
     *
     * @param vpcId the VPC the load balancer and tasks live in
     * @param subnetIds private subnets for the tasks, at least one (two in different zones for an ALB)
     * @param publicSubnetIds subnets for an internet-facing load balancer; empty for an internal one,
     *     which goes in the task subnets
     */
    record Existing(String vpcId, List<String> subnetIds, List<String> publicSubnetIds) implements RegionNetwork {
        public Existing {
            Objects.requireNonNull(vpcId, "vpcId");
            subnetIds = List.copyOf(subnetIds);
            publicSubnetIds = List.copyOf(publicSubnetIds);
        }

        /** The subnets the load balancer is placed in. */
        public List<String> loadBalancerSubnetIds() {
            return publicSubnetIds.isEmpty() ? subnetIds : publicSubnetIds;
        }
    }

    /**
     * A VPC the regional stack creates: per availability zone a public subnet (load balancer, NAT
     * gateway) and a private subnet (tasks) whose outbound traffic leaves through a NAT gateway.
     *
     * @param cidr the VPC's address range, /16 to /24
     * @param availabilityZones 2 or 3
     * @param natGateways one NAT gateway per zone, or a single one all zones share
     */
    record Created(Ipv4Cidr cidr, int availabilityZones, NatGateways natGateways) implements RegionNetwork {
        /** The range a created VPC gets when the spec names none. */
        public static final String DEFAULT_CIDR = "10.0.0.0/16";

        public Created {
            Objects.requireNonNull(cidr, "cidr");
            Objects.requireNonNull(natGateways, "natGateways");
            if (availabilityZones < 2 || availabilityZones > 3) {
                throw new IllegalArgumentException("availabilityZones must be 2 or 3");
            }
        }

        /**
         * The private (task) subnet of zone {@code zone}: a quarter of the VPC each, so tasks,
         * which each take an address, get most of the room.
         */
        public Ipv4Cidr privateSubnet(int zone) {
            return cidr.subnet(2, zone);
        }

        /**
         * The public subnet of zone {@code zone}: a sixteenth each, from the last quarter. Only
         * load balancer nodes and NAT gateways live there. Terraform computes the same ranges
         * with {@code cidrsubnet(cidr, 4, 12 + zone)}.
         */
        public Ipv4Cidr publicSubnet(int zone) {
            return cidr.subnet(4, 12 + zone);
        }

        /** How many NAT gateways (and Elastic IPs) the network has. */
        public int natGatewayCount() {
            return natGateways == NatGateways.SINGLE ? 1 : availabilityZones;
        }

        /** The NAT gateway the private subnet of {@code zone} sends its outbound traffic through. */
        public int natGatewayFor(int zone) {
            return natGateways == NatGateways.SINGLE ? 0 : zone;
        }
    }

    /** How many NAT gateways a created VPC gets. */
    enum NatGateways {
        /** One per zone: a zone's outage never cuts the other zones' egress. The default. */
        PER_ZONE,
        /** One in the first zone: cheaper, but that zone's outage cuts every task's egress. */
        SINGLE
    }
}
