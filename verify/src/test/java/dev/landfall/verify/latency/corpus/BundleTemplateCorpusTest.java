package dev.landfall.verify.latency.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.landfall.core.bundle.BundleStore;
import dev.landfall.core.error.LandfallException;
import dev.landfall.core.model.Entry;
import dev.landfall.core.model.Key;
import dev.landfall.core.model.KvNamespace;
import dev.landfall.core.spi.ScopeWriter;
import dev.landfall.core.spi.WriteMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundleTemplateCorpusTest {
    @TempDir
    Path dir;

    @Test
    void oneRequestPerExportedKeyThenAgain() throws Exception {
        KvNamespace ns = new KvNamespace("0f2ac74b498b48028cb68387c421e279", "API_KEYS");
        try (BundleStore b = BundleStore.open(dir);
                ScopeWriter w = b.open(ns, WriteMode.UPSERT)) {
            w.put(new Entry(ns, Key.of("key a/1"), "{\"plan\":\"pro\"}".getBytes(StandardCharsets.UTF_8), null, null));
            w.put(new Entry(ns, Key.of("key b\"2"), "x".getBytes(StandardCharsets.UTF_8), null, null));
            w.flush();
        }
        RequestTemplate t = RequestTemplate.parse("POST /v1/verify/{key} {\"key\":\"{key}\",\"v\":\"{value}\"}");
        try (BundleTemplateCorpus c = BundleTemplateCorpus.open(dir, t)) {
            CorpusRequest first = c.next();
            assertEquals("POST", first.method());
            assertEquals("/v1/verify/key%20a%2F1", first.path());
            assertEquals(
                    "{\"key\":\"key a/1\",\"v\":\"{\\\"plan\\\":\\\"pro\\\"}\"}",
                    new String(first.body(), StandardCharsets.UTF_8));
            assertEquals("application/json", first.headers().get(0).value());
            assertEquals("/v1/verify/key%20b%222", c.next().path());
            assertEquals(first, c.next(), "starts again");
        }
    }

    @Test
    void badTemplatesAndMissingBundlesAreUsageErrors() {
        for (String[] bad : new String[][] {
            {"/v1/{key}", "is not METHOD PATH"},
            {"GET /v1/{id}", "unknown placeholder {id}"},
            {"GET /v1/all", "never uses {key}"},
        }) {
            LandfallException e = assertThrows(LandfallException.class, () -> RequestTemplate.parse(bad[0]));
            assertTrue(e.getMessage().contains(bad[1]), e.getMessage());
        }
        LandfallException e = assertThrows(
                LandfallException.class,
                () -> BundleTemplateCorpus.open(dir.resolve("nothing"), RequestTemplate.parse("GET /{key}")));
        assertTrue(e.getMessage().contains("is not a bundle"), e.getMessage());
    }
}
