package dev.landfall.cloudflare.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reviewed report files under src/test/resources/. After an intended change, regenerate with
 * {@code -Dlandfall.golden.update=true} and review the diff.
 */
final class Goldens {
    interface Body {
        void write(PrintWriter w) throws IOException;
    }

    private Goldens() {}

    static String render(Body body) throws IOException {
        StringWriter s = new StringWriter();
        try (PrintWriter w = new PrintWriter(s)) {
            body.write(w);
        }
        return s.toString();
    }

    static void assertMatch(String resource, String actual) throws IOException {
        Path file = Path.of("src/test/resources").resolve(resource);
        if (Boolean.getBoolean("landfall.golden.update")) {
            Files.writeString(file, actual, StandardCharsets.UTF_8);
        }
        assertEquals(Files.readString(file, StandardCharsets.UTF_8), actual, resource + " differs from the golden");
    }
}
