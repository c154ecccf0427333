package dev.landfall.core.run;

import dev.landfall.core.error.LandfallException;
import dev.landfall.core.spi.StoreUri;
import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The bundle an export writes, and whether it already holds an earlier export: exporting over one
 * needs resuming (continue it) or forcing (start over), so an earlier export is never overwritten
 * by accident.
 *
 * @param dir the bundle directory
 */
public record ExportBundle(Path dir) {
    /** The export's journal inside the bundle. */
    public static final String JOURNAL = "export-journal.ndjson";

    private static final List<String> OWNED = List.of("manifest.json", "scopes", JOURNAL);

    /** Parses {@code --to}; only {@code bundle:DIR} is an export target. */
    public static ExportBundle parse(String to) {
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
        return new ExportBundle(Path.of(uri.rest()));
    }

    /** The journal of the export into this bundle. */
    public Path journal() {
        return dir.resolve(JOURNAL);
    }

    /**
     * Whether the directory holds an earlier export (complete or not). An export journal that
     * records nothing, beside no bundle files, is not one: that export wrote no entry (it failed,
     * or was killed, before its first batch), so a new export may simply take its place.
     */
    public boolean holdsExport() throws IOException {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw LandfallException.usage(
                    "--to bundle:" + dir + " is a file, not a directory", "name a new or existing bundle directory");
        }
        for (String name : OWNED) {
            Path p = dir.resolve(name);
            if (Files.exists(p) && !(name.equals(JOURNAL) && Files.size(p) == 0)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The outermost directory of {@code dir} and its parents that does not exist yet: what an export
     * into it creates, and so may remove again. Empty when the directory exists.
     */
    Optional<Path> missingFrom() {
        Path missing = null;
        for (Path p = dir.toAbsolutePath(); p != null && !Files.exists(p); p = p.getParent()) {
            missing = p;
        }
        return Optional.ofNullable(missing);
    }

    /**
     * After an export that journaled no batch: removes what it left (the bundle's own files), then
     * the directories it created, from {@code dir} up to {@code createdFrom}, each only if empty. A
     * directory that existed before, or holds anything else, stays.
     *
     * @return whether anything was left to remove
     */
    boolean removeUnjournaled(Optional<Path> createdFrom) throws IOException {
        if (Files.exists(journal()) && Files.size(journal()) > 0) {
            return false;
        }
        clear();
        if (createdFrom.isEmpty()) {
            return true;
        }
        Path stop = createdFrom.get();
        for (Path p = dir.toAbsolutePath(); p != null && p.startsWith(stop); p = p.getParent()) {
            try {
                Files.deleteIfExists(p);
            } catch (DirectoryNotEmptyException someoneElsesFiles) {
                break;
            }
        }
        return true;
    }

    /** Deletes what an earlier export left (only the files the bundle format owns). */
    public void clear() throws IOException {
        for (String name : OWNED) {
            Path p = dir.resolve(name);
            if (Files.isDirectory(p)) {
                try (Stream<Path> walk = Files.walk(p)) {
                    for (Path q : walk.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(q);
                    }
                }
            } else {
                Files.deleteIfExists(p);
            }
        }
    }
}
