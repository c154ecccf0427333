package dev.landfall.cloudflare.worker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;

/**
 * docs/typed-json-vectors.json as a JavaScript module for the test app: each vector's {@code js}
 * expression becomes the body of a function, because workerd (like Cloudflare) refuses {@code
 * eval}. The expected {@code typed} bytes stay in Java ({@link #file()}).
 */
final class VectorModule {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private VectorModule() {}

    static Path file() {
        String projectDir = System.getenv("LANDFALL_PROJECT_DIR");
        Path root = projectDir != null && !projectDir.isBlank()
                ? Path.of(projectDir)
                : Path.of("").toAbsolutePath().getParent();
        return root.resolve("docs").resolve("typed-json-vectors.json");
    }

    static JsonNode vectors() throws IOException {
        return MAPPER.readTree(file().toFile());
    }

    static String generate() throws IOException {
        JsonNode file = vectors();
        return "export const vectors = " + section(file.path("vectors")) + ";\n" + "export const unencodable = "
                + section(file.path("unencodable")) + ";\n";
    }

    private static String section(JsonNode items) throws IOException {
        StringBuilder out = new StringBuilder("[\n");
        for (JsonNode v : items) {
            out.append("  {name: ")
                    .append(MAPPER.writeValueAsString(v.path("name").asText()))
                    .append(", make: () => (")
                    .append(v.path("js").asText())
                    .append(")},\n");
        }
        return out.append("]").toString();
    }
}
