package dev.landfall.infra.cloudformation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The generated files equal the reviewed goldens in src/test/resources/golden/SPEC/, byte for
 * byte. After an intended change, regenerate with {@code -Dlandfall.golden.update=true} and
 * review the diff.
 */
class GoldenFilesTest {
    private static final Path GOLDEN = Path.of("src/test/resources/golden");

    @ParameterizedTest
    @ValueSource(strings = {"one-region", "three-region"})
    void generatedFilesMatchTheGoldens(String spec) throws IOException {
        SortedMap<String, String> files = Generated.files(spec);
        Path dir = GOLDEN.resolve(spec);
        if (Boolean.getBoolean("landfall.golden.update")) {
            TemplateWriter.write(dir, files);
        }
        try (Stream<Path> listed = Files.list(dir)) {
            List<String> names =
                    listed.map(p -> p.getFileName().toString()).sorted().toList();
            assertEquals(List.copyOf(files.keySet()), names, "files in " + dir);
        }
        for (Map.Entry<String, String> file : files.entrySet()) {
            assertEquals(
                    Files.readString(dir.resolve(file.getKey()), StandardCharsets.UTF_8),
                    file.getValue(),
                    spec + "/" + file.getKey() + " differs from its golden (-Dlandfall.golden.update=true)");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"one-region", "three-region"})
    void theSameSpecGivesTheSameBytes(String spec) {
        assertEquals(Generated.files(spec), Generated.files(spec));
    }
}
