package dev.landfall.infra.spec;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.landfall.core.error.LandfallException;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads {@code landfall.yaml}: YAML into a located tree, then {@link SpecBinder} (fields and
 * their types) and {@link SpecValidator} (rules across fields). Every error is a usage error
 * (exit 2) that starts with {@code file:line:column}; every problem in the spec is reported in one
 * run, not only the first.
 */
public final class SpecParser {
    private static final YAMLFactory YAML = new YAMLFactory();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private SpecParser() {}

    /** Parses and validates the spec at {@code file}. */
    public static ServiceSpec parse(Path file) {
        return check(file).spec();
    }

    /** Parses and validates spec text; {@code file} only names it in messages. */
    public static ServiceSpec parse(String file, String text) {
        return check(file, text).spec();
    }

    /**
     * Parses the spec at {@code file} and runs every check, collecting all errors and warnings.
     * Throws only when the file cannot be read or is not YAML; everything else is in the result.
     */
    public static SpecCheck check(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw LandfallException.usage(
                    "spec file " + file + " does not exist", "write one with 'landfall init --out " + file + "'");
        } catch (IOException e) {
            throw LandfallException.usage("cannot read spec file " + file, "check the path and its permissions", e);
        }
        return check(file.toString(), text);
    }

    /** As {@link #check(Path)}, for spec text; {@code file} only names it in messages. */
    public static SpecCheck check(String file, String text) {
        SpecDocument document = read(file, new StringReader(text));
        SpecProblems problems = new SpecProblems(document);
        ServiceSpec spec = SpecBinder.bind(document, problems);
        SpecValidator.validate(problems, spec);
        return new SpecCheck(document, problems, spec);
    }

    private static SpecDocument read(String file, Reader text) {
        Map<String, JsonLocation> locations = new HashMap<>();
        try (JsonParser parser = YAML.createParser(text)) {
            if (parser.nextToken() == null) {
                throw LandfallException.usage(file + ": the spec is empty", "start from 'landfall init'");
            }
            JsonNode root = readValue(file, parser, "", locations);
            return new SpecDocument(file, root, locations);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? file : file + ":" + at.getLineNr() + ":" + at.getColumnNr();
            throw LandfallException.usage(
                    where + ": not valid YAML: "
                            + e.getOriginalMessage().lines().findFirst().orElse(""),
                    "fix the YAML syntax at that line (indentation, a missing ':' or an unclosed quote)",
                    e);
        } catch (IOException e) {
            throw LandfallException.usage(file + ": cannot read the spec", "check the file", e);
        }
    }

    private static JsonNode readValue(String file, JsonParser parser, String pointer, Map<String, JsonLocation> at)
            throws IOException {
        at.put(pointer, parser.currentTokenLocation());
        JsonToken token = parser.currentToken();
        switch (token) {
            case START_OBJECT -> {
                ObjectNode object = NODES.objectNode();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    String child = SpecDocument.child(pointer, name);
                    if (object.has(name)) {
                        JsonLocation dup = parser.currentTokenLocation();
                        throw LandfallException.usage(
                                file + ":" + dup.getLineNr() + ":" + dup.getColumnNr() + ": " + name + " appears twice",
                                "keep one of the two '" + name + "' keys");
                    }
                    parser.nextToken();
                    object.set(name, readValue(file, parser, child, at));
                }
                return object;
            }
            case START_ARRAY -> {
                ArrayNode array = NODES.arrayNode();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    array.add(readValue(file, parser, pointer + "/" + array.size(), at));
                }
                return array;
            }
            case VALUE_STRING -> {
                return NODES.textNode(parser.getText());
            }
            case VALUE_NUMBER_INT -> {
                return NODES.numberNode(parser.getLongValue());
            }
            case VALUE_NUMBER_FLOAT -> {
                return NODES.numberNode(parser.getDoubleValue());
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                return NODES.booleanNode(token == JsonToken.VALUE_TRUE);
            }
            default -> {
                return NODES.nullNode();
            }
        }
    }
}
