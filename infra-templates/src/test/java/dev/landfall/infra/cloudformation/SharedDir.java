package dev.landfall.infra.cloudformation;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds {@code shared/} as sandbox's OpenApiSpec does: {@code $LANDFALL_SHARED_DIR} (surefire
 * sets it), else a {@code shared} directory beside a parent of the working directory.
 */
final class SharedDir {
    private SharedDir() {}

    static Path resolve(String relative) {
        String env = System.getenv("LANDFALL_SHARED_DIR");
        if (env != null && !env.isBlank() && Files.exists(Path.of(env, relative))) {
            return Path.of(env, relative);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve("shared").resolve(relative))) {
                return dir.resolve("shared").resolve(relative);
            }
        }
        throw new IllegalStateException("shared/" + relative + " not found; set LANDFALL_SHARED_DIR");
    }
}
