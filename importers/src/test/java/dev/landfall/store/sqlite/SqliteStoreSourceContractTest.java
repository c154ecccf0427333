package dev.landfall.store.sqlite;

import dev.landfall.core.error.ErrorKind;
import dev.landfall.core.spi.Source;
import dev.landfall.core.spi.Store;
import dev.landfall.core.spi.StoreUri;
import dev.landfall.core.store.AbstractSourceContractTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The source contract for a SQLite file, and a file that is not a database. */
class SqliteStoreSourceContractTest extends AbstractSourceContractTest {
    @Override
    protected Source openSource() throws IOException {
        Path file = tempDir.resolve("landfall.db");
        if (!Files.exists(file)) {
            filled(open(file)).close();
        }
        return open(file);
    }

    @Override
    protected Broken broken() throws IOException {
        Path file = Files.writeString(tempDir.resolve("notes.db"), "these are notes, not a database\n".repeat(200));
        // The operator named the wrong file: only another --from can help.
        return new Broken(ErrorKind.USAGE, () -> open(file));
    }

    private static Store open(Path file) throws IOException {
        return new SqliteStoreProvider().open(StoreUri.parse("sqlite:" + file));
    }
}
