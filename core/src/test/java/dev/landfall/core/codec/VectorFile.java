package dev.landfall.core.codec;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * docs/typed-json-vectors.json, read so that each {@code typed} value keeps its exact bytes in the
 * file: those bytes are the canonical form the tests compare against.
 */
final class VectorFile {
    /**
     * One item of a section.
     *
     * @param name the item name
     * @param typed the exact bytes of its {@code typed} value, if it has one
     * @param fields its string members ({@code js}, {@code text}, {@code path}, {@code error}, …)
     */
    record Item(String name, Optional<byte[]> typed, Map<String, String> fields) {
        Optional<String> field(String key) {
            return Optional.ofNullable(fields.get(key));
        }

        /** The input of an invalid or normalized item: {@code text} as UTF-8, else the typed bytes. */
        byte[] input() {
            return field("text").map(t -> t.getBytes(StandardCharsets.UTF_8)).orElseGet(() -> typed.orElseThrow());
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private final int version;
    private final Map<String, List<Item>> sections;

    private VectorFile(int version, Map<String, List<Item>> sections) {
        this.version = version;
        this.sections = sections;
    }

    int version() {
        return version;
    }

    List<Item> section(String name) {
        return sections.getOrDefault(name, List.of());
    }

    /** The file from LANDFALL_PROJECT_DIR (set by surefire), else from the core module's parent. */
    static Path location() {
        String projectDir = System.getenv("LANDFALL_PROJECT_DIR");
        Path root = projectDir != null && !projectDir.isBlank()
                ? Path.of(projectDir)
                : Path.of("").toAbsolutePath().getParent();
        return root.resolve("docs").resolve("typed-json-vectors.json");
    }

    static VectorFile load() throws IOException {
        return parse(Files.readAllBytes(location()));
    }

    static VectorFile parse(byte[] file) throws IOException {
        int version = -1;
        Map<String, List<Item>> sections = new LinkedHashMap<>();
        try (JsonParser p = new JsonFactory().createParser(file)) {
            expect(p.nextToken(), JsonToken.START_OBJECT);
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken t = p.nextToken();
                if (name.equals("version")) {
                    version = p.getIntValue();
                } else if (t == JsonToken.START_ARRAY) {
                    List<Item> items = new ArrayList<>();
                    while (p.nextToken() != JsonToken.END_ARRAY) {
                        items.add(readItem(p, file));
                    }
                    sections.put(name, items);
                } else {
                    p.skipChildren();
                }
            }
        }
        return new VectorFile(version, sections);
    }

    private static Item readItem(JsonParser p, byte[] file) throws IOException {
        expect(p.currentToken(), JsonToken.START_OBJECT);
        Map<String, String> fields = new LinkedHashMap<>();
        byte[] typed = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            JsonToken t = p.nextToken();
            if (key.equals("typed")) {
                int start = (int) p.currentTokenLocation().getByteOffset();
                typed = Arrays.copyOfRange(file, start, endOfValue(file, start));
                p.skipChildren();
            } else if (t == JsonToken.VALUE_STRING) {
                fields.put(key, p.getText());
            } else {
                p.skipChildren();
            }
        }
        return new Item(fields.getOrDefault("name", "?"), Optional.ofNullable(typed), fields);
    }

    /** The offset just after the JSON value starting at {@code start}, found lexically. */
    static int endOfValue(byte[] b, int start) {
        int i = start;
        byte c = b[i];
        if (c == '"') {
            return endOfString(b, i);
        }
        if (c != '{' && c != '[') {
            while (i < b.length && ",}] \t\r\n".indexOf(b[i]) < 0) {
                i++;
            }
            return i;
        }
        int depth = 0;
        while (true) {
            c = b[i];
            if (c == '"') {
                i = endOfString(b, i);
                continue;
            }
            if (c == '{' || c == '[') {
                depth++;
            } else if (c == '}' || c == ']') {
                depth--;
                if (depth == 0) {
                    return i + 1;
                }
            }
            i++;
        }
    }

    private static int endOfString(byte[] b, int quote) {
        int i = quote + 1;
        while (b[i] != '"') {
            i += b[i] == '\\' ? 2 : 1;
        }
        return i + 1;
    }

    private static void expect(JsonToken actual, JsonToken expected) {
        if (actual != expected) {
            throw new IllegalStateException("vector file: expected " + expected + ", got " + actual);
        }
    }
}
