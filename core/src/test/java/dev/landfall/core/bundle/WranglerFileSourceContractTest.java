package dev.landfall.core.bundle;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.landfall.core.error.ErrorKind;
import dev.landfall.core.model.Entry;
import dev.landfall.core.model.Scope;
import dev.landfall.core.spi.Source;
import dev.landfall.core.store.AbstractSourceContractTest;
import dev.landfall.core.time.FakeClock;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * The source contract for a {@code wrangler kv bulk put} file. A file fills one namespace, so the
 * fixture is the contract's {@code KV} scope alone, every value base64 so binary ones survive.
 */
class WranglerFileSourceContractTest extends AbstractSourceContractTest {
    @Override
    protected Map<Scope, List<Entry>> expected() {
        return Map.of(KV, knownEntries().get(KV));
    }

    @Override
    protected Source openSource() throws IOException {
        Path file = tempDir.resolve("bulk.json");
        if (!Files.exists(file)) {
            write(file, expected().get(KV));
        }
        return new WranglerFileSource(file, KV, new FakeClock(), WranglerFileSource.DEFAULT_SORT_BUDGET);
    }

    @Override
    protected Broken broken() throws IOException {
        Path file = tempDir.resolve("broken.json");
        Files.writeString(file, "[{\"key\": \"a\", \"value\": ", StandardCharsets.UTF_8);
        // A file the operator must fix: exit 2, like any other bad input.
        return new Broken(
                ErrorKind.USAGE,
                () -> new WranglerFileSource(file, KV, new FakeClock(), WranglerFileSource.DEFAULT_SORT_BUDGET));
    }

    private static void write(Path file, List<Entry> entries) throws IOException {
        try (OutputStream out = Files.newOutputStream(file);
                JsonGenerator g = BundleJson.FACTORY.createGenerator(out)) {
            g.writeStartArray();
            // Reversed: the source sorts, it does not trust the file's order.
            List<Entry> reversed = new ArrayList<>(entries);
            Collections.reverse(reversed);
            for (Entry e : reversed) {
                g.writeStartObject();
                g.writeStringField("key", e.key().text());
                g.writeStringField("value", Base64.getEncoder().encodeToString(e.value()));
                g.writeBooleanField("base64", true);
                if (e.expiration() != null) {
                    g.writeNumberField("expiration", e.expiration());
                }
                if (e.metadataJson() != null) {
                    g.writeFieldName("metadata");
                    g.writeRawValue(e.metadataJson());
                }
                g.writeEndObject();
            }
            g.writeEndArray();
        }
    }
}
