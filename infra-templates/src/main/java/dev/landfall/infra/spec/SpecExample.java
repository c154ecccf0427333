package dev.landfall.infra.spec;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The commented example {@code landfall.yaml} that {@code landfall init} writes. */
public final class SpecExample {
    private static final String RESOURCE = "landfall.example.yaml";

    private SpecExample() {}

    /** The example's text; a test keeps it valid. */
    public static String text() {
        try (InputStream in = SpecExample.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
