package dev.landfall.infra;

import java.util.Collections;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What one {@code infra generate} did to its output directory.
 *
 * @param written the files written, relative path → content, in name order (the manifest not included)
 * @param removed the files an earlier generate wrote and this one no longer does, now deleted
 */
public record WrittenFiles(SortedMap<String, String> written, SortedSet<String> removed) {
    public WrittenFiles {
        written = Collections.unmodifiableSortedMap(new TreeMap<>(written));
        removed = Collections.unmodifiableSortedSet(new TreeSet<>(removed));
    }
}
