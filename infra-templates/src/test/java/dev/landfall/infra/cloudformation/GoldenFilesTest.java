package dev.landfall.infra.cloudformation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.landfall.infra.GoldenFiles;
import java.io.IOException;
import java.nio.file.Path;
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
    @ValueSource(strings = {"one-region", "three-region", "serve-workerd"})
    void generatedFilesMatchTheGoldens(String spec) throws IOException {
        GoldenFiles.assertMatch(GOLDEN.resolve(spec), Generated.files(spec));
    }

    @ParameterizedTest
    @ValueSource(strings = {"one-region", "three-region", "serve-workerd"})
    void theSameSpecGivesTheSameBytes(String spec) {
        assertEquals(Generated.files(spec), Generated.files(spec));
    }
}
