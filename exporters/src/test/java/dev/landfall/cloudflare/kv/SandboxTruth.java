package dev.landfall.cloudflare.kv;

import dev.landfall.core.model.Entry;
import dev.landfall.core.model.Key;
import dev.landfall.core.model.KvNamespace;
import dev.landfall.core.spi.Checkpoint;
import dev.landfall.core.spi.Cursor;
import dev.landfall.sandbox.SandboxServer;
import dev.landfall.sandbox.internal.KvItem;
import dev.landfall.sandbox.internal.KvNamespaceState;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * What the sandbox holds, read from its state (not through the API the source uses), to compare
 * an export with. Also the sandbox's own page structure, to count the requests an export needs.
 */
final class SandboxTruth {
    private SandboxTruth() {}

    /** The live entries of a namespace at {@code nowSeconds}, in key order. */
    static List<Entry> entries(SandboxServer server, KvNamespace ns, String prefix, long nowSeconds) {
        List<Entry> out = new ArrayList<>();
        for (List<KvItem> page : pages(server, ns, prefix, 1000, nowSeconds)) {
            for (KvItem i : page) {
                out.add(new Entry(ns, i.key(), i.value().bytes(), i.metadataJson(), i.expiration()));
            }
        }
        return out;
    }

    /** The live items of each page the sandbox's key list serves with {@code limit}. */
    static List<List<KvItem>> pages(SandboxServer server, KvNamespace ns, String prefix, int limit, long nowSeconds) {
        KvNamespaceState state = server.kvStore().find(ns.namespaceId()).orElseThrow();
        byte[] p = prefix.getBytes(StandardCharsets.UTF_8);
        List<List<KvItem>> pages = new ArrayList<>();
        Key after = null;
        while (true) {
            KvNamespaceState.Page page = state.list(p, after, limit, nowSeconds);
            pages.add(page.items());
            if (page.next().isEmpty()) {
                return pages;
            }
            after = page.next().get();
        }
    }

    /** The namespace the sandbox seeded with {@code title}. */
    static KvNamespace namespace(SandboxServer server, String title) {
        return server.kvNamespaces().stream()
                .filter(n -> n.title().equals(title))
                .map(n -> new KvNamespace(n.namespaceId(), n.title()))
                .findFirst()
                .orElseThrow();
    }

    /** Every entry of a cursor, closing it. */
    static List<Entry> drain(Cursor<Entry> cursor) throws IOException {
        try (cursor) {
            List<Entry> out = new ArrayList<>();
            while (cursor.next()) {
                out.add(cursor.current());
            }
            return out;
        }
    }

    /** Every entry with the checkpoint just after it. */
    record Read(Entry entry, Checkpoint checkpoint) {}

    static List<Read> drainWithCheckpoints(Cursor<Entry> cursor) throws IOException {
        try (cursor) {
            List<Read> out = new ArrayList<>();
            while (cursor.next()) {
                out.add(new Read(cursor.current(), cursor.checkpoint()));
            }
            return out;
        }
    }
}
