package dev.landfall.infra.cutover;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * An AWS service model ({@code service-2.json} from {@code ../shared/contracts/aws-models}) used
 * to check that every request body the SDK sends for us names only members the real API has, and
 * every member it requires.
 */
final class AwsServiceModel {
    private final JsonNode model;
    private final String targetPrefix;

    private AwsServiceModel(JsonNode model) {
        this.model = model;
        this.targetPrefix = model.path("metadata").path("targetPrefix").asText();
    }

    static AwsServiceModel load(String directory) {
        Path file = Path.of("..", "..", "shared", "contracts", "aws-models", directory, "service-2.json");
        try {
            return new AwsServiceModel(new ObjectMapper().readTree(file.toFile()));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the AWS model " + file.toAbsolutePath(), e);
        }
    }

    String targetPrefix() {
        return targetPrefix;
    }

    /** The violations of {@code body} against the input shape of {@code operation}; empty if none. */
    List<String> check(String operation, JsonNode body) {
        JsonNode op = model.path("operations").path(operation);
        List<String> problems = new ArrayList<>();
        if (op.isMissingNode()) {
            problems.add("no operation " + operation + " in the " + targetPrefix + " model");
            return problems;
        }
        checkShape(op.path("input").path("shape").asText(), body, operation, problems);
        return problems;
    }

    private void checkShape(String shapeName, JsonNode value, String path, List<String> problems) {
        JsonNode shape = model.path("shapes").path(shapeName);
        switch (shape.path("type").asText()) {
            case "structure" -> {
                if (!value.isObject()) {
                    problems.add(path + " should be an object");
                    return;
                }
                for (JsonNode required : shape.path("required")) {
                    if (!value.has(required.asText())) {
                        problems.add(path + " lacks required member " + required.asText());
                    }
                }
                for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> field = it.next();
                    JsonNode member = shape.path("members").path(field.getKey());
                    if (member.isMissingNode()) {
                        problems.add(path + " has unknown member " + field.getKey());
                    } else {
                        checkShape(
                                member.path("shape").asText(), field.getValue(), path + "." + field.getKey(), problems);
                    }
                }
            }
            case "list" -> {
                for (JsonNode item : value) {
                    checkShape(shape.path("member").path("shape").asText(), item, path + "[]", problems);
                }
            }
            case "float", "double" -> {
                if (!value.isNumber()) {
                    problems.add(path + " should be a number");
                } else if (shape.has("min")
                                && value.asDouble() < shape.path("min").asDouble()
                        || shape.has("max")
                                && value.asDouble() > shape.path("max").asDouble()) {
                    problems.add(path + " = " + value + " is outside " + shape.path("min") + ".." + shape.path("max"));
                }
            }
            case "string" -> {
                if (!value.isTextual()) {
                    problems.add(path + " should be a string");
                }
            }
            default -> {
                // integers, booleans, maps: the SDK's own types make these right
            }
        }
    }
}
