package dev.landfall.verify.latency.corpus;

import dev.landfall.core.bundle.BundleStore;
import dev.landfall.core.error.LandfallException;
import dev.landfall.core.model.Entry;
import dev.landfall.core.model.Scope;
import dev.landfall.core.spi.Checkpoint;
import dev.landfall.core.spi.Cursor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * {@code --requests-from bundle:DIR --template T}: one request per exported key, every scope in
 * the bundle's order, then again from the top. So the corpus is the migrated data itself (a
 * verify-key request per API key). Streams: one scope cursor open at a time.
 */
public final class BundleTemplateCorpus implements RequestCorpus {
    private final BundleStore bundle;
    private final RequestTemplate template;
    private Cursor<Scope> scopes;
    private Cursor<Entry> entries;
    private long requestsThisPass;

    private BundleTemplateCorpus(BundleStore bundle, RequestTemplate template) {
        this.bundle = bundle;
        this.template = template;
    }

    /**
     * Opens the bundle.
     *
     * @throws LandfallException (usage) when the directory holds no bundle
     */
    public static BundleTemplateCorpus open(Path dir, RequestTemplate template) throws IOException {
        Objects.requireNonNull(template, "template");
        if (!Files.isRegularFile(dir.resolve("manifest.json"))) {
            throw LandfallException.usage(
                    "--requests-from bundle:" + dir + " is not a bundle (no manifest.json)",
                    "give the directory that landfall export wrote");
        }
        return new BundleTemplateCorpus(BundleStore.open(dir), template);
    }

    @Override
    public CorpusRequest next() throws IOException {
        boolean restarted = false;
        while (true) {
            if (entries != null && entries.next()) {
                requestsThisPass++;
                return template.apply(entries.current());
            }
            if (entries != null) {
                entries.close();
                entries = null;
            }
            if (scopes == null) {
                scopes = bundle.scopes();
            }
            if (scopes.next()) {
                entries = bundle.entries(scopes.current(), Checkpoint.START);
                continue;
            }
            scopes.close();
            scopes = null;
            if (restarted || requestsThisPass == 0) {
                throw LandfallException.usage(
                        "--requests-from " + bundle.describe() + " holds no keys", "export some keys first");
            }
            restarted = true;
            requestsThisPass = 0;
        }
    }

    @Override
    public String describe() {
        return bundle.describe() + " with template " + template;
    }

    @Override
    public void close() throws IOException {
        try {
            if (entries != null) {
                entries.close();
            }
            if (scopes != null) {
                scopes.close();
            }
        } finally {
            bundle.close();
        }
    }
}
