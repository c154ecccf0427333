package dev.landfall.infra.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * One mapping of the spec, read field by field. Each accessor checks presence and type; a wrong
 * field becomes a located error in {@link SpecProblems} and the accessor returns a stand-in, so
 * {@link SpecBinder} reads like the schema and one run finds every wrong field.
 *
 * <p>A node that is not a mapping (or is missing) is reported once; reading fields from it
 * reports nothing more and returns the stand-ins.
 */
final class SpecNode {
    private final SpecProblems problems;
    private final String pointer;
    private final JsonNode node;
    private final boolean broken;
    /** Known names an unknown key looks like a misspelling of: their absence is not news. */
    private final Set<String> misspelt = new HashSet<>();

    SpecNode(SpecProblems problems, String pointer, JsonNode node) {
        this.problems = problems;
        this.pointer = pointer;
        this.broken = node == null || !node.isObject();
        this.node = broken ? JsonNodeFactory.instance.objectNode() : node;
        if (node != null && broken) {
            problems.error(pointer, "must be a mapping (key: value lines)", "indent its fields under it");
        }
    }

    String pointer() {
        return pointer;
    }

    String at(String name) {
        return SpecDocument.child(pointer, name);
    }

    /** Reports keys the schema does not know, suggesting the closest known one. */
    void allowOnly(Set<String> known) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                List<String> near = NearMatches.of(name, known);
                misspelt.addAll(near);
                problems.error(
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

    /** The string, or {@code ""} once reported. */
    String string(String name) {
        JsonNode value = required(name);
        if (value == null) {
            return "";
        }
        if (!value.isTextual() || value.asText().isBlank()) {
            problems.error(at(name), "must be a non-empty string", "quote the value if it looks like a number");
            return "";
        }
        return value.asText();
    }

    /**
     * An optional string field read by {@code parse}: empty when absent, or when {@code parse}
     * refuses the text, which is then reported as not {@code what}.
     */
    <T> Optional<T> parsed(String name, Function<String, Optional<T>> parse, String what, String hint) {
        if (!has(name)) {
            return Optional.empty();
        }
        String text = string(name);
        Optional<T> value = parse.apply(text);
        if (value.isEmpty() && !text.isEmpty()) {
            problems.error(at(name), "'" + text + "' is not " + what, hint);
        }
        return value;
    }

    String string(String name, String fallback) {
        return has(name) ? string(name) : fallback;
    }

    /** The number, or the field's smallest once reported. */
    int integer(String name, WholeNumber accepted) {
        JsonNode value = required(name);
        if (value == null) {
            return accepted.min();
        }
        if (!value.isIntegralNumber() || !accepted.accepts(value.asLong())) {
            WholeNumber.Refusal refusal = accepted.refusal(name, value);
            problems.error(at(name), refusal.problem(), refusal.fix());
            return accepted.min();
        }
        return value.asInt();
    }

    int integer(String name, int fallback, WholeNumber accepted) {
        return has(name) ? integer(name, accepted) : fallback;
    }

    boolean bool(String name, boolean fallback) {
        if (!has(name)) {
            return fallback;
        }
        JsonNode value = node.get(name);
        if (!value.isBoolean()) {
            problems.error(at(name), "must be true or false", "write true or false without quotes");
            return fallback;
        }
        return value.asBoolean();
    }

    /** The mapping under {@code name}; a missing one is reported and reads as empty. */
    SpecNode object(String name) {
        return new SpecNode(problems, at(name), required(name));
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
                problems.error(map.at(e.getKey()), "must be a plain value", "quote it as a string");
                continue;
            }
            out.put(e.getKey(), e.getValue().asText());
        }
        return out;
    }

    /** The elements of a sequence; empty when absent (reported if {@code required}) or not a list. */
    List<JsonNode> list(String name, boolean required) {
        if (!has(name)) {
            if (required) {
                required(name);
            }
            return List.of();
        }
        JsonNode value = node.get(name);
        if (!value.isArray()) {
            problems.error(at(name), "must be a list", "write one '- item' line per element");
            return List.of();
        }
        List<JsonNode> out = new ArrayList<>();
        value.forEach(out::add);
        return out;
    }

    List<String> stringList(String name, boolean required) {
        return stringList(name, required, null);
    }

    /**
     * As {@link #stringList(String, boolean)}, reporting each string not of {@code form} (null: any string).
     * Each problem points at the item's own index in the spec, whatever items before it were refused.
     */
    List<String> stringList(String name, boolean required, StringForm form) {
        List<String> out = new ArrayList<>();
        List<JsonNode> items = list(name, required);
        for (int i = 0; i < items.size(); i++) {
            if (!items.get(i).isTextual()) {
                problems.error(at(name) + "/" + i, "must be a string", "quote it");
                continue;
            }
            String item = items.get(i).asText();
            if (form != null) {
                form.check(problems, at(name) + "/" + i, item);
            }
            out.add(item);
        }
        return out;
    }

    SpecNode element(String name, int index, JsonNode value) {
        return new SpecNode(problems, at(name) + "/" + index, value);
    }

    /** The value, or null once its absence is reported (silently inside a broken node). */
    private JsonNode required(String name) {
        if (has(name)) {
            return node.get(name);
        }
        if (misspelt.contains(name)) {
            problems.covered(at(name));
        } else if (!broken) {
            String parent = pointer.isEmpty() ? "at the top level" : "under " + SpecDocument.field(pointer);
            problems.error(at(name), "is missing", "add '" + name + ":' " + parent + " (see docs/landfall-yaml.md)");
        }
        return null;
    }
}
