package dev.landfall.infra.cloudformation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every {@code Ref}, {@code Fn::GetAtt} and {@code Fn::Sub} reference resolves: to a parameter,
 * a resource, a pseudo parameter, or a resource attribute its registry schema declares read-only
 * (the attributes GetAtt can return).
 */
class ReferencesTest {
    private static final Set<String> PSEUDO = Set.of(
            "AWS::AccountId",
            "AWS::NotificationARNs",
            "AWS::NoValue",
            "AWS::Partition",
            "AWS::Region",
            "AWS::StackId",
            "AWS::StackName",
            "AWS::URLSuffix");
    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{(?!!)([^}]+)}");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyReferenceResolves() {
        List<String> problems = new ArrayList<>();
        int references = 0;
        for (Map.Entry<String, JsonNode> template : Generated.templates()) {
            JsonNode root = template.getValue();
            List<String[]> found = new ArrayList<>();
            collect(root.path("Resources"), found);
            collect(root.path("Outputs"), found);
            for (String[] reference : found) {
                references++;
                String problem = check(root, reference[0], reference[1]);
                if (problem != null) {
                    problems.add(template.getKey() + ": " + problem);
                }
            }
            root.path("Resources")
                    .forEach(resource -> resource.path("DependsOn").forEach(d -> {
                        if (!root.path("Resources").has(d.asText())) {
                            problems.add(template.getKey() + ": DependsOn " + d.asText());
                        }
                    }));
        }
        assertTrue(references > 50, "found only " + references + " references");
        assertEquals(List.of(), problems);
    }

    @Test
    void everyParameterIsUsed() {
        for (Map.Entry<String, JsonNode> template : Generated.templates()) {
            List<String[]> found = new ArrayList<>();
            collect(template.getValue().path("Resources"), found);
            Set<String> used = new HashSet<>();
            found.forEach(r -> used.add(r[1].split("\\.")[0]));
            template.getValue()
                    .path("Parameters")
                    .fieldNames()
                    .forEachRemaining(name ->
                            assertTrue(used.contains(name), template.getKey() + " declares unused parameter " + name));
        }
    }

    private static String check(JsonNode root, String kind, String target) {
        JsonNode resources = root.path("Resources");
        if (kind.equals("Ref") || !target.contains(".")) {
            return PSEUDO.contains(target)
                            || resources.has(target)
                            || root.path("Parameters").has(target)
                    ? null
                    : kind + " " + target + " is not declared";
        }
        String[] parts = target.split("\\.", 2);
        JsonNode resource = resources.path(parts[0]);
        if (resource.isMissingNode()) {
            return kind + " " + target + ": no resource " + parts[0];
        }
        String type = resource.get("Type").asText();
        for (JsonNode readOnly : schema(type).path("readOnlyProperties")) {
            if (readOnly.asText().equals("/properties/" + parts[1])) {
                return null;
            }
        }
        return kind + " " + target + ": " + type + " has no attribute " + parts[1];
    }

    private static void collect(JsonNode node, List<String[]> out) {
        if (node.isObject()) {
            if (node.has("Ref")) {
                out.add(new String[] {"Ref", node.get("Ref").asText()});
            }
            if (node.has("Fn::GetAtt")) {
                JsonNode args = node.get("Fn::GetAtt");
                out.add(new String[] {
                    "Fn::GetAtt", args.get(0).asText() + "." + args.get(1).asText()
                });
            }
            if (node.has("Fn::Sub")) {
                Matcher m = SUB_VARIABLE.matcher(node.get("Fn::Sub").asText());
                while (m.find()) {
                    out.add(new String[] {"Fn::Sub", m.group(1)});
                }
            }
            node.forEach(child -> collect(child, out));
        } else if (node.isArray()) {
            node.forEach(child -> collect(child, out));
        }
    }

    private static JsonNode schema(String type) {
        // Without a schema no attribute can be confirmed, so a GetAtt on the type fails.
        return RegistrySchemas.of(type).orElse(JSON.createObjectNode());
    }
}
