package dev.landfall.sandbox.demo;

import dev.landfall.core.error.LandfallException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;

/**
 * What a rehearsal owns on disk: its directory (holding only the names it writes) and its SQLite
 * database beside it. Cleaning removes them for a fresh run and refuses a directory that holds
 * anything else, so a mistyped {@code --dir} never deletes an operator's files.
 */
final class DemoFiles {
    private final Path dir;
    private final Path database;
    private final Set<String> names;

    DemoFiles(Path dir, Path database, Set<String> names) {
        this.dir = Objects.requireNonNull(dir, "dir");
        this.database = Objects.requireNonNull(database, "database");
        this.names = Set.copyOf(names);
    }

    /** Removes what an earlier rehearsal left: only its own directory and database. */
    void clean() throws IOException {
        for (String suffix : new String[] {"", "-wal", "-shm"}) {
            Files.deleteIfExists(database.resolveSibling(database.getFileName() + suffix));
        }
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> top = Files.list(dir)) {
            List<String> foreign = top.map(p -> p.getFileName().toString())
                    .filter(name -> !names.contains(name))
                    .toList();
            if (!foreign.isEmpty()) {
                throw LandfallException.usage(
                        "--dir " + dir + " holds files the demo did not write: " + foreign,
                        "give --dir a new or demo-only directory; the demo replaces it on every run");
            }
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
