package dev.landfall.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.landfall.infra.cloudformation.TemplateWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.stream.Stream;

/**
 * Compares generated files with reviewed goldens byte for byte, nested directories included.
 * After an intended change, {@code -Dlandfall.golden.update=true} rewrites the goldens to review.
 */
public final class GoldenFiles {
    private GoldenFiles() {}

    /** Asserts that {@code dir} holds exactly {@code files} (relative path → content). */
    public static void assertMatch(Path dir, SortedMap<String, String> files) throws IOException {
        if (Boolean.getBoolean("landfall.golden.update")) {
            TemplateWriter.write(dir, files);
        }
        try (Stream<Path> listed = Files.walk(dir)) {
            List<String> names = listed.filter(Files::isRegularFile)
                    .map(p -> dir.relativize(p).toString().replace('\\', '/'))
                    .sorted()
                    .toList();
            assertEquals(List.copyOf(files.keySet()), names, "files in " + dir);
        }
        for (Map.Entry<String, String> file : files.entrySet()) {
            assertEquals(
                    Files.readString(dir.resolve(file.getKey()), StandardCharsets.UTF_8),
                    file.getValue(),
                    dir + "/" + file.getKey() + " differs from its golden (-Dlandfall.golden.update=true)");
        }
    }
}
