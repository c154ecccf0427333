package dev.landfall.infra;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The text of a valid test spec, src/test/resources/specs/NAME.yaml. */
final class TestSpecs {
    private TestSpecs() {}

    static String text(String name) {
        try (InputStream in = TestSpecs.class.getResourceAsStream("/specs/" + name + ".yaml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
