package dev.landfall.cli.command;

import dev.landfall.core.error.LandfallException;
import dev.landfall.core.spi.StoreUri;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The bundle an export writes, and whether it already holds an earlier export: exporting over one
 * needs {@code --resume} (continue it) or {@code --force} (start over), so an earlier export is
 * never overwritten by accident.
 *
 * @param dir the bundle directory
 */
record ExportTarget(Path dir) {
    static final String JOURNAL = "export-journal.ndjson";
    private static final List<String> OWNED = List.of("manifest.json", "scopes", JOURNAL);

    /** Parses {@code --to}; only {@code bundle:DIR} is an export target. */
    static ExportTarget parse(String to) {
        StoreUri uri = StoreUri.parse(to);
        if (!uri.scheme().equals("bundle")) {
            throw LandfallException.usage(
                    "--to " + uri + ": export writes bundles only",
                    "write --to bundle:DIR; load a bundle into " + uri.scheme() + " with 'landfall import'");
        }
        if (uri.rest().isBlank()) {
            throw LandfallException.usage(
                    "--to bundle: names no directory", "write --to bundle:DIR, e.g. bundle:export/");
        }
        return new ExportTarget(Path.of(uri.rest()));
    }

    Path journal() {
        return dir.resolve(JOURNAL);
    }

    /** Whether the directory holds an earlier export (complete or not). */
    boolean holdsExport() throws IOException {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw LandfallException.usage(
                    "--to bundle:" + dir + " is a file, not a directory", "name a new or existing bundle directory");
        }
        for (String name : OWNED) {
            if (Files.exists(dir.resolve(name))) {
                return true;
            }
        }
        return false;
    }

    /** Deletes what an earlier export left (only the files the bundle format owns). */
    void clear() throws IOException {
        for (String name : OWNED) {
            Path p = dir.resolve(name);
            if (Files.isDirectory(p)) {
                try (Stream<Path> walk = Files.walk(p)) {
                    for (Path q :
                            walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                        Files.delete(q);
                    }
                }
            } else {
                Files.deleteIfExists(p);
            }
        }
    }
}
