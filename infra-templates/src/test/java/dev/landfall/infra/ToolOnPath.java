package dev.landfall.infra;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** The external checkers (cfn-lint, terraform, docker-compose) as the tests find them: on PATH. */
public final class ToolOnPath {
    private ToolOnPath() {}

    /** The first executable {@code name} on PATH, if any. */
    public static Optional<Path> find(String name) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
