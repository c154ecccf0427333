package dev.landfall.infra.compose;

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
 * The generated kit equals the reviewed goldens in src/test/resources/golden-compose/SPEC/, byte
 * for byte. After an intended change, regenerate with {@code -Dlandfall.golden.update=true} and
 * review the diff.
 */
class ComposeGoldenFilesTest {
    private static final Path GOLDEN = Path.of("src/test/resources/golden-compose");

    @ParameterizedTest
    @ValueSource(strings = {"one-region", "three-region"})
    void generatedFilesMatchTheGoldens(String spec) throws IOException {
        SortedMap<String, String> files = ComposeKits.files(spec);
        Path dir = GOLDEN.resolve(spec);
        if (Boolean.getBoolean("landfall.golden.update")) {
            Files.createDirectories(dir);
            for (Map.Entry<String, String> file : files.entrySet()) {
                Files.writeString(dir.resolve(file.getKey()), file.getValue(), StandardCharsets.UTF_8);
            }
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
        assertEquals(ComposeKits.files(spec), ComposeKits.files(spec));
    }
}
