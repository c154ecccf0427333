package dev.landfall.core.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;

/** Asserts the owner-only modes the docs promise for exported data: 0700 directories, 0600 files. */
final class OwnerOnlyFiles {
    private OwnerOnlyFiles() {}

    /** Every directory under (and including) {@code root} is 0700 and every file 0600. */
    static void assertTree(Path root) throws IOException {
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.toList()) {
                String expected = Files.isDirectory(p) ? "rwx------" : "rw-------";
                assertEquals(expected, PosixFilePermissions.toString(Files.getPosixFilePermissions(p)), p.toString());
            }
        }
    }
}
