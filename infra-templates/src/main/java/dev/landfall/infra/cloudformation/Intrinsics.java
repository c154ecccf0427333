package dev.landfall.infra.cloudformation;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** CloudFormation intrinsic functions as JSON nodes, and the node factory the templates share. */
final class Intrinsics {
    static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Intrinsics() {}

    static ObjectNode ref(String name) {
        return NODES.objectNode().put("Ref", name);
    }

    static ObjectNode getAtt(String resource, String attribute) {
        ObjectNode node = NODES.objectNode();
        node.putArray("Fn::GetAtt").add(resource).add(attribute);
        return node;
    }

    static ObjectNode sub(String template) {
        return NODES.objectNode().put("Fn::Sub", template);
    }

    static ObjectNode object() {
        return NODES.objectNode();
    }

    static ArrayNode array() {
        return NODES.arrayNode();
    }

    /** {@code [{"Key": "landfall:service", "Value": service}]}: lets operators find what Landfall made. */
    static ArrayNode tags(String service) {
        ArrayNode tags = NODES.arrayNode();
        tags.addObject().put("Key", "landfall:service").put("Value", service);
        return tags;
    }
}
