package dev.landfall.infra.cloudformation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.List;

/**
 * Where a regional stack puts its load balancer and tasks, as template values: literal ids of an
 * existing VPC, or references to the network the stack creates. The dependencies name what must
 * exist before a resource works, beyond what its references already order.
 *
 * @param vpcId the VPC of the security groups and the target group
 * @param loadBalancerSubnets the load balancer's subnets
 * @param taskSubnets the tasks' subnets
 * @param loadBalancerDependsOn resources the internet-facing load balancer needs (the internet gateway)
 * @param serviceDependsOn resources the tasks need to pull images and read secrets (NAT routes)
 */
record Placement(
        JsonNode vpcId,
        ArrayNode loadBalancerSubnets,
        ArrayNode taskSubnets,
        List<String> loadBalancerDependsOn,
        List<String> serviceDependsOn) {
    Placement {
        loadBalancerDependsOn = List.copyOf(loadBalancerDependsOn);
        serviceDependsOn = List.copyOf(serviceDependsOn);
    }
}
