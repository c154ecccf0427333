package dev.landfall.infra.spec;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One mapping of the spec, read field by field. Each accessor checks presence and type and
 * throws a located usage error naming the field, so {@link SpecBinder} reads like the schema.
 */
final class SpecNode {
    private final SpecDocument document;
    private final String pointer;
    private final JsonNode node;

    SpecNode(SpecDocument document, String pointer, JsonNode node) {
        this.document = document;
        this.pointer = pointer;
        this.node = node;
        if (!node.isObject()) {
            throw document.error(pointer, "must be a mapping (key: value lines)", "indent its fields under it");
        }
    }

    String pointer() {
        return pointer;
    }

    String at(String name) {
        return SpecDocument.child(pointer, name);
    }

    /** Fails on keys the schema does not know, suggesting the closest known one. */
    void allowOnly(Set<String> known) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                List<String> near = NearMatches.of(name, known);
                throw document.error(
                        at(name),
                        "unknown field",
                        near.isEmpty()
                                ? "remove it; known fields here: " + String.join(", ", new TreeSet<>(known))
                                : "did you mean " + NearMatches.phrase(near) + "?");
            }
        }
    }

    boolean has(String name) {
        return node.has(name) && !node.get(name).isNull();
    }

    String string(String name) {
        JsonNode value = required(name);
        if (!value.isTextual() || value.asText().isBlank()) {
            throw document.error(at(name), "must be a non-empty string", "quote the value if it looks like a number");
        }
        return value.asText();
    }

    String string(String name, String fallback) {
        return has(name) ? string(name) : fallback;
    }

    int integer(String name, int min, int max) {
        JsonNode value = required(name);
        if (!value.isIntegralNumber() || value.asLong() < min || value.asLong() > max) {
            throw document.error(
                    at(name),
                    "must be a whole number from " + min + " to " + max,
                    "write a whole number from " + min + " to " + max + ", without quotes or a unit");
        }
        return value.asInt();
    }

    int integer(String name, int fallback, int min, int max) {
        return has(name) ? integer(name, min, max) : fallback;
    }

    boolean bool(String name, boolean fallback) {
        if (!has(name)) {
            return fallback;
        }
        JsonNode value = node.get(name);
        if (!value.isBoolean()) {
            throw document.error(at(name), "must be true or false", "write true or false without quotes");
        }
        return value.asBoolean();
    }

    SpecNode object(String name) {
        return new SpecNode(document, at(name), required(name));
    }

    /** The entries of a mapping of strings, in key order; empty when the field is absent. */
    SortedMap<String, String> strings(String name) {
        SortedMap<String, String> out = new TreeMap<>();
        if (!has(name)) {
            return out;
        }
        SpecNode map = object(name);
        for (Map.Entry<String, JsonNode> e : map.node.properties()) {
            if (!e.getValue().isValueNode() || e.getValue().isNull()) {
                throw document.error(map.at(e.getKey()), "must be a plain value", "quote it as a string");
            }
            out.put(e.getKey(), e.getValue().asText());
        }
        return out;
    }

    /** The elements of a sequence; empty when absent unless {@code required}. */
    List<JsonNode> list(String name, boolean required) {
        if (!has(name)) {
            if (required) {
                required(name);
            }
            return List.of();
        }
        JsonNode value = node.get(name);
        if (!value.isArray()) {
            throw document.error(at(name), "must be a list", "write one '- item' line per element");
        }
        List<JsonNode> out = new ArrayList<>();
        value.forEach(out::add);
        return out;
    }

    List<String> stringList(String name, boolean required) {
        List<String> out = new ArrayList<>();
        List<JsonNode> items = list(name, required);
        for (int i = 0; i < items.size(); i++) {
            if (!items.get(i).isTextual()) {
                throw document.error(at(name) + "/" + i, "must be a string", "quote it");
            }
            out.add(items.get(i).asText());
        }
        return out;
    }

    SpecNode element(String name, int index, JsonNode value) {
        return new SpecNode(document, at(name) + "/" + index, value);
    }

    JsonNode required(String name) {
        if (!has(name)) {
            throw document.error(
                    pointer, "the field '" + name + "' is missing", "add '" + name + ":' (see docs/landfall-yaml.md)");
        }
        return node.get(name);
    }
}
