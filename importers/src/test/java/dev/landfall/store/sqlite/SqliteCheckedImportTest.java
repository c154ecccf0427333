package dev.landfall.store.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.landfall.core.error.LandfallException;
import dev.landfall.store.AbstractCheckedImportTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class SqliteCheckedImportTest extends AbstractCheckedImportTest {
    @Override
    protected String storeUri(Path dir) {
        return "sqlite:" + dir.resolve("store.db");
    }

    @Test
    void aDamagedBundleImportedIntoANewFileLeavesNoFile() throws IOException {
        Path damaged = bundle("new", 2);
        damageLastPart(damaged, SECOND);
        Path stores = Files.createDirectory(dir.resolve("stores"));

        assertThrows(LandfallException.class, () -> importInto(damaged, "sqlite:" + stores.resolve("new.db"), 100));

        try (Stream<Path> left = Files.list(stores)) {
            assertEquals(List.of(), left.toList());
        }
    }
}
