package dev.landfall.infra.cloudformation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialects;
import dev.landfall.infra.spec.FargateSizes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Every generated resource's Properties validate against the CloudFormation registry schema of
 * its type (shared/contracts/cfn-schemas, else cfn-lint's copy: see {@link RegistrySchemas}; adjusted as its SOURCE.md says: {@code $schema}
 * stripped, errors at or under intrinsic functions dropped, read-only properties rejected), and
 * the cross-field rules no schema expresses hold.
 */
class RegistrySchemaTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(Dialects.getDraft7());
    private final Map<String, Schema> schemas = new HashMap<>();

    @Test
    void everyResourceMatchesItsRegistrySchema() {
        List<String> problems = new ArrayList<>();
        Set<String> unchecked = new TreeSet<>();
        Set<String> types = new TreeSet<>();
        int checked = 0;
        for (Map.Entry<String, JsonNode> template : Generated.templates()) {
            for (Map.Entry<String, JsonNode> resource :
                    template.getValue().get("Resources").properties()) {
                String type = resource.getValue().get("Type").asText();
                if (RegistrySchemas.of(type).isEmpty()) {
                    unchecked.add(type);
                    continue;
                }
                types.add(type);
                JsonNode properties = resource.getValue().path("Properties");
                List<List<String>> intrinsics = new ArrayList<>();
                collectIntrinsics(properties, new ArrayList<>(), intrinsics);
                for (Error error : schema(type).validate(properties)) {
                    if (!underIntrinsic(error, intrinsics)) {
                        problems.add(template.getKey() + " " + resource.getKey() + ": " + error);
                    }
                }
                for (JsonNode readOnly : rawSchema(type).path("readOnlyProperties")) {
                    String name = readOnly.asText().replace("/properties/", "");
                    if (!name.contains("/") && properties.has(name)) {
                        problems.add(template.getKey() + " " + resource.getKey() + ": read-only " + name);
                    }
                }
                checked++;
            }
        }
        assertTrue(checked >= 40, "checked only " + checked + " resources");
        assertEquals(List.of(), problems);
        if (!unchecked.isEmpty() && "1".equals(System.getenv("LANDFALL_IT_REQUIRED"))) {
            throw new AssertionError("no registry schema (shared/contracts or cfn-lint) for " + unchecked);
        }
        assumeTrue(
                unchecked.isEmpty(),
                "no registry schema for " + unchecked + " (neither in shared/contracts/cfn-schemas nor in an"
                        + " installed cfn-lint): those resources were not checked");
    }

    @Test
    void theCreatedNetworkIsCheckedToo() {
        // The VPC types come from cfn-lint's copy of the registry; without it they cannot be checked.
        assumeTrue(
                RegistrySchemas.of("AWS::EC2::VPC").isPresent() || "1".equals(System.getenv("LANDFALL_IT_REQUIRED")),
                "cfn-lint is not installed: its registry schemas for the VPC types are unavailable");
        for (String type : List.of(
                "AWS::EC2::VPC",
                "AWS::EC2::Subnet",
                "AWS::EC2::InternetGateway",
                "AWS::EC2::VPCGatewayAttachment",
                "AWS::EC2::RouteTable",
                "AWS::EC2::Route",
                "AWS::EC2::SubnetRouteTableAssociation",
                "AWS::EC2::EIP",
                "AWS::EC2::NatGateway")) {
            assertTrue(RegistrySchemas.of(type).isPresent(), type);
        }
        ObjectNode bad = JSON.createObjectNode().put("CidrBlock", "10.0.0.0/16").put("EnableDnsHostName", true);
        assertTrue(!schema("AWS::EC2::VPC").validate(bad).isEmpty(), "a misspelt VPC property is caught");
    }

    @Test
    void crossFieldRulesTheSchemasCannotExpressHold() {
        for (Map.Entry<String, JsonNode> template : Generated.templates()) {
            for (JsonNode resource : template.getValue().get("Resources")) {
                JsonNode p = resource.path("Properties");
                switch (resource.get("Type").asText()) {
                    case "AWS::ECS::TaskDefinition" -> {
                        assertTrue(
                                FargateSizes.isValid(
                                        p.get("Cpu").asInt(), p.get("Memory").asInt()),
                                template.getKey());
                        assertEquals("awsvpc", p.get("NetworkMode").asText(), template.getKey());
                    }
                    case "AWS::ElasticLoadBalancingV2::TargetGroup" ->
                        assertEquals("ip", p.get("TargetType").asText(), template.getKey());
                    case "AWS::GlobalAccelerator::EndpointGroup" -> {
                        int interval = p.get("HealthCheckIntervalSeconds").asInt();
                        assertTrue(interval == 10 || interval == 30, template.getKey());
                        assertTrue(p.get("EndpointConfigurations").size() <= 10, template.getKey());
                    }
                    default -> {}
                }
            }
        }
    }

    @Test
    void aSchemaViolationIsCaught() {
        ObjectNode bad = JSON.createObjectNode().put("TargetType", "ip").put("Bogus", 1);
        assertTrue(!schema("AWS::ElasticLoadBalancingV2::TargetGroup")
                .validate(bad)
                .isEmpty());
    }

    private Schema schema(String type) {
        return schemas.computeIfAbsent(type, t -> {
            ObjectNode copy = rawSchema(t).deepCopy();
            // networknt treats $schema as the meta-schema to download; offline that fails (SOURCE.md #2).
            copy.remove("$schema");
            return REGISTRY.getSchema(copy);
        });
    }

    private JsonNode rawSchema(String type) {
        return RegistrySchemas.of(type).orElseThrow(() -> new IllegalStateException("no schema for " + type));
    }

    /** Paths of every {@code {"Ref": …}} or {@code {"Fn::…": …}} node: their value is known only at deploy. */
    private static void collectIntrinsics(JsonNode node, List<String> path, List<List<String>> out) {
        if (node.isObject()) {
            if (node.size() == 1) {
                String key = node.fieldNames().next();
                if (key.equals("Ref") || key.startsWith("Fn::")) {
                    out.add(List.copyOf(path));
                    return;
                }
            }
            node.properties().forEach(e -> {
                path.add(e.getKey());
                collectIntrinsics(e.getValue(), path, out);
                path.remove(path.size() - 1);
            });
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                path.add(String.valueOf(i));
                collectIntrinsics(node.get(i), path, out);
                path.remove(path.size() - 1);
            }
        }
    }

    private static boolean underIntrinsic(Error error, List<List<String>> intrinsics) {
        var location = error.getInstanceLocation();
        List<String> path = new ArrayList<>();
        for (int i = 0; i < location.getNameCount(); i++) {
            path.add(String.valueOf(location.getElement(i)));
        }
        // "required"/"additionalProperties" errors sit at the parent; the property name is separate.
        if (error.getProperty() != null && !"required".equals(error.getKeyword())) {
            path.add(error.getProperty());
        }
        for (List<String> intrinsic : intrinsics) {
            if (path.size() >= intrinsic.size()
                    && path.subList(0, intrinsic.size()).equals(intrinsic)) {
                return true;
            }
        }
        return false;
    }
}
