package dev.landfall.infra.spec;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.JsonNode;
import dev.landfall.core.error.LandfallException;
import java.util.Map;
import java.util.Objects;

/**
 * A {@code landfall.yaml} read into a tree, with the line and column of every node by JSON
 * pointer, so that any later check can name the exact place to fix.
 */
final class SpecDocument {
    private final String file;
    private final JsonNode root;
    private final Map<String, JsonLocation> locations;

    SpecDocument(String file, JsonNode root, Map<String, JsonLocation> locations) {
        this.file = Objects.requireNonNull(file, "file");
        this.root = Objects.requireNonNull(root, "root");
        this.locations = Map.copyOf(locations);
    }

    JsonNode root() {
        return root;
    }

    /** The name the spec's messages give the file. */
    String file() {
        return file;
    }

    /** {@code file:line:column} of the node at {@code pointer}, or of its nearest located parent. */
    String where(String pointer) {
        JsonLocation at = location(pointer);
        return at == null ? file : file + ":" + at.getLineNr() + ":" + at.getColumnNr();
    }

    /** Where the node at {@code pointer} starts, or its nearest located parent; null if none is. */
    JsonLocation location(String pointer) {
        for (String p = pointer; ; p = p.substring(0, p.lastIndexOf('/'))) {
            JsonLocation at = locations.get(p);
            if (at != null || p.isEmpty()) {
                return at;
            }
        }
    }

    /** A usage error (exit 2) located at {@code pointer}, naming the field in spec syntax. */
    LandfallException error(String pointer, String message, String hint) {
        return LandfallException.usage(where(pointer) + ": " + field(pointer) + ": " + message, hint);
    }

    /** {@code /regions/0/name} → {@code regions[0].name}, the way the docs name fields. */
    static String field(String pointer) {
        if (pointer.isEmpty()) {
            return "(top level)";
        }
        StringBuilder out = new StringBuilder();
        for (String part : pointer.substring(1).split("/", -1)) {
            String name = part.replace("~1", "/").replace("~0", "~");
            if (!name.isEmpty() && name.chars().allMatch(Character::isDigit)) {
                out.append('[').append(name).append(']');
            } else {
                out.append(out.length() == 0 ? "" : ".").append(name);
            }
        }
        return out.toString();
    }

    static String child(String pointer, String name) {
        return pointer + "/" + name.replace("~", "~0").replace("/", "~1");
    }
}
