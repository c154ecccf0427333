package dev.landfall.core.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;

/**
 * The one shape of every {@code --json} document Landfall prints: a single object whose first
 * field is {@code "version"} (this format's version, raised only when a field changes meaning or
 * goes away), field names in camelCase, durations in seconds with millisecond precision.
 */
public final class JsonReport {
    /** The version of Landfall's JSON documents. */
    public static final int VERSION = 1;

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonReport() {}

    /** A new document, holding only {@code "version"}. */
    public static ObjectNode newDocument() {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("version", VERSION);
        return root;
    }

    /** Seconds rounded to the millisecond, as every document writes durations. */
    public static double seconds(double seconds) {
        return Math.round(seconds * 1000) / 1000.0;
    }

    /** The document on one line, as {@code --json} prints it. */
    public static String compact(ObjectNode document) {
        try {
            return MAPPER.writeValueAsString(document);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The document indented, as report files hold it. */
    public static String pretty(ObjectNode document) {
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(document);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
