package dev.landfall.infra;

import dev.landfall.core.error.LandfallException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * {@code .landfall-manifest} in the output directory: the files the last {@code infra generate}
 * wrote there. The next generate removes the listed files it no longer writes (a region or format
 * dropped from the spec or {@code --format}) and nothing else, so the directory never mixes
 * templates of two specs and an operator's own files are safe.
 */
public final class OutputManifest {
    /** The manifest's name, at the top of {@code --out}. */
    public static final String NAME = ".landfall-manifest";

    private static final String HEADER =
            "# Files `landfall infra generate` wrote into this directory. The next generate\n"
                    + "# removes those it no longer writes, and only those. Do not edit.\n";

    private OutputManifest() {}

    /**
     * The files the previous generate listed in {@code dir}; empty if there is no manifest.
     *
     * @throws LandfallException (usage) if the manifest names a path outside {@code dir}
     */
    public static SortedSet<String> read(Path dir) {
        Path file = dir.resolve(NAME);
        SortedSet<String> names = new TreeSet<>();
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return names;
        } catch (IOException e) {
            throw LandfallException.usage(
                    "cannot read " + file + ": " + e.getMessage(),
                    "make it readable, or delete it (nothing is removed then)",
                    e);
        }
        for (String line : text.split("\n", -1)) {
            String name = line.strip();
            if (name.isEmpty() || name.startsWith("#")) {
                continue;
            }
            if (!inside(name)) {
                throw LandfallException.usage(
                        file + " lists '" + name + "', which is not a file inside " + dir,
                        "delete " + file + " (the next generate writes a new one and removes nothing)");
            }
            names.add(name);
        }
        return names;
    }

    /** The manifest's text for {@code names}, in name order. */
    public static String render(Collection<String> names) {
        StringBuilder text = new StringBuilder(HEADER);
        new TreeSet<>(names).forEach(name -> text.append(name).append('\n'));
        return text.toString();
    }

    /**
     * Deletes each file of {@code previous} that is not in {@code current}, then each directory
     * that this left empty, up to but not including {@code dir}. A listed path that is now a
     * directory is left alone: generate never wrote one.
     *
     * @return the paths removed, relative to {@code dir}, in name order
     */
    public static SortedSet<String> removeStale(Path dir, Set<String> previous, Set<String> current) {
        SortedSet<String> removed = new TreeSet<>();
        Path root = dir.toAbsolutePath().normalize();
        try {
            for (String name : previous) {
                if (current.contains(name)) {
                    continue;
                }
                Path file = root.resolve(name);
                if (Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS) || !Files.deleteIfExists(file)) {
                    continue;
                }
                removed.add(name);
                for (Path parent = file.getParent(); !parent.equals(root) && isEmptyDirectory(parent); ) {
                    Files.delete(parent);
                    parent = parent.getParent();
                }
            }
        } catch (IOException e) {
            throw LandfallException.usage(
                    "cannot remove an earlier template from " + dir + ": " + e.getMessage(),
                    "give --out a directory you can write to",
                    e);
        }
        return removed;
    }

    private static boolean inside(String name) {
        if (name.contains("\\") || name.equals(NAME)) {
            return false;
        }
        Path path = Path.of(name);
        return !path.isAbsolute() && path.normalize().equals(path) && !path.startsWith("..");
    }

    private static boolean isEmptyDirectory(Path dir) throws IOException {
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        }
    }
}
