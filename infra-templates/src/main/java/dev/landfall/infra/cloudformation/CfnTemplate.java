package dev.landfall.infra.cloudformation;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** One CloudFormation template under construction: parameters, resources and outputs. */
final class CfnTemplate {
    private final ObjectNode root = Intrinsics.object();
    private final ObjectNode parameters = Intrinsics.object();
    private final ObjectNode resources = Intrinsics.object();
    private final ObjectNode outputs = Intrinsics.object();

    CfnTemplate(String description) {
        root.put("AWSTemplateFormatVersion", "2010-09-09");
        root.put("Description", description);
    }

    /** Adds a parameter and returns its definition for further attributes. */
    ObjectNode parameter(String name, String type, String description) {
        return parameters.putObject(name).put("Type", type).put("Description", description);
    }

    /** Adds a resource and returns its {@code Properties} to fill in. */
    ObjectNode resource(String logicalId, String type) {
        ObjectNode resource = resources.putObject(logicalId).put("Type", type);
        return resource.putObject("Properties");
    }

    /** The resource node itself, for {@code DependsOn} and other attributes beside Properties. */
    ObjectNode resourceNode(String logicalId) {
        return (ObjectNode) resources.get(logicalId);
    }

    void output(String name, String description, Object value) {
        ObjectNode output = outputs.putObject(name).put("Description", description);
        if (value instanceof ObjectNode node) {
            output.set("Value", node);
        } else {
            output.put("Value", String.valueOf(value));
        }
    }

    /** The finished template; empty sections are left out, as cfn-lint expects. */
    ObjectNode toJson() {
        ObjectNode out = root.deepCopy();
        if (!parameters.isEmpty()) {
            out.set("Parameters", parameters.deepCopy());
        }
        out.set("Resources", resources.deepCopy());
        if (!outputs.isEmpty()) {
            out.set("Outputs", outputs.deepCopy());
        }
        return out;
    }
}
