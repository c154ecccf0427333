package dev.landfall.core.bundle;

import dev.landfall.core.error.ErrorKind;
import dev.landfall.core.spi.Source;
import dev.landfall.core.store.AbstractSourceContractTest;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

/** The source contract for a bundle directory, and a bundle whose part file is not NDJSON. */
class BundleStoreSourceContractTest extends AbstractSourceContractTest {
    @Override
    protected Source openSource() throws IOException {
        Path dir = tempDir.resolve("bundle");
        if (!Files.exists(dir)) {
            filled(BundleStore.open(dir)).close();
        }
        return BundleStore.open(dir);
    }

    @Override
    protected Broken broken() throws IOException {
        Path dir = tempDir.resolve("broken");
        filled(BundleStore.open(dir)).close();
        List<Path> parts;
        try (Stream<Path> files = Files.walk(dir)) {
            parts = files.filter(p -> p.getFileName().toString().endsWith(".ndjson.gz"))
                    .toList();
        }
        // Whole gzip, broken content: the reader must name the damage, not fail on gzip framing.
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(parts.get(0)))) {
            out.write("{\"key\": \"a\", \"value\": not json\n".getBytes(StandardCharsets.UTF_8));
        }
        return new Broken(ErrorKind.FAILED, () -> BundleStore.open(dir));
    }
}
