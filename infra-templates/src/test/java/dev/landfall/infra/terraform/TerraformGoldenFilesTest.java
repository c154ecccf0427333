package dev.landfall.infra.terraform;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.landfall.infra.GoldenFiles;
import java.io.IOException;
import java.nio.file.Path;
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
    @ValueSource(strings = {"one-region", "three-region", "serve-workerd"})
    void generatedFilesMatchTheGoldens(String spec) throws IOException {
        GoldenFiles.assertMatch(GOLDEN.resolve(spec), TerraformFiles.files(spec));
    }

    @ParameterizedTest
    @ValueSource(strings = {"one-region", "three-region", "udp", "tls-nlb", "example"})
    void theSameSpecGivesTheSameBytes(String spec) {
        assertEquals(TerraformFiles.files(spec), TerraformFiles.files(spec));
    }
}
