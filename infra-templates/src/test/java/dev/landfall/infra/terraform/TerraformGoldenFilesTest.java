package dev.landfall.infra.terraform;

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
 * The generated files equal the reviewed goldens in src/test/resources/golden-terraform/SPEC/,
 * byte for byte. After an intended change, regenerate with {@code -Dlandfall.golden.update=true}
 * and review the diff.
 */
class TerraformGoldenFilesTest {
    private static final Path GOLDEN = Path.of("src/test/resources/golden-terraform");

    @ParameterizedTest
    @ValueSource(strings = {"one-region", "three-region"})
    void generatedFilesMatchTheGoldens(String spec) throws IOException {
        SortedMap<String, String> files = TerraformFiles.files(spec);
        Path dir = GOLDEN.resolve(spec);
        if (Boolean.getBoolean("landfall.golden.update")) {
            for (Map.Entry<String, String> file : files.entrySet()) {
                Path target = dir.resolve(file.getKey());
                Files.createDirectories(target.getParent());
                Files.writeString(target, file.getValue(), StandardCharsets.UTF_8);
            }
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
                    spec + "/" + file.getKey() + " differs from its golden (-Dlandfall.golden.update=true)");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"one-region", "three-region", "udp", "example"})
    void theSameSpecGivesTheSameBytes(String spec) {
        assertEquals(TerraformFiles.files(spec), TerraformFiles.files(spec));
    }
}
