package dev.landfall.core.report;

import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.landfall.core.text.JsonEscapes;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Collection;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * The one shape of every {@code --json} document Landfall prints: a single object whose first
 * field is {@code "version"} (this format's version, raised only when a field changes meaning or
 * goes away), field names in camelCase, durations in seconds with millisecond precision. Strings
 * are exact, but characters that could act on a terminal are written as {@code \\uXXXX} escapes.
 */
public final class JsonReport {
    /** The version of Landfall's JSON documents. */
    public static final int VERSION = 1;

    // Plain decimals: a figure such as 500 must not print as 5E+2, which scripts read badly.
    // Titles and names come from the account: their bidi and C1 controls are escaped too.
    private static final ObjectMapper MAPPER = new ObjectMapper(new JsonFactoryBuilder()
            .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
            .characterEscapes(new JsonEscapes())
            .build());

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

    /** A duration in seconds rounded to the millisecond, as every document writes durations. */
    public static double seconds(Duration duration) {
        return seconds(duration.toNanos() / 1e9);
    }

    /** Adds {@code name} to {@code parent} as an array of {@code values}, in their order. */
    public static ArrayNode putStrings(ObjectNode parent, String name, Collection<String> values) {
        ArrayNode array = parent.putArray(name);
        values.forEach(array::add);
        return array;
    }

    /**
     * Adds {@code name} to {@code parent} as an array of one object per item, in their order, each
     * filled by {@code fill}.
     */
    public static <T> ArrayNode putObjects(
            ObjectNode parent, String name, Collection<T> items, BiConsumer<ObjectNode, T> fill) {
        ArrayNode array = parent.putArray(name);
        items.forEach(item -> fill.accept(array.addObject(), item));
        return array;
    }

    /** An object member filled from {@code item}, or {@code null} when there is none. */
    public static <T> void putObjectOrNull(
            ObjectNode parent, String name, Optional<T> item, BiConsumer<ObjectNode, T> fill) {
        if (item.isPresent()) {
            fill.accept(parent.putObject(name), item.get());
        } else {
            parent.putNull(name);
        }
    }

    /**
     * Writes the document indented, then a newline, and flushes: how a {@link ReportRenderer} of
     * the JSON form ends.
     */
    public static void write(ObjectNode document, PrintWriter out) {
        out.write(pretty(document));
        out.write('\n');
        out.flush();
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
