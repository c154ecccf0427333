package dev.landfall.cloudflare.kv;

import dev.landfall.cloudflare.api.BulkGetResult;
import dev.landfall.cloudflare.api.CloudflareClient;
import dev.landfall.cloudflare.api.ListedKey;
import dev.landfall.cloudflare.api.ValueRead;
import dev.landfall.core.codec.JavaScriptJson;
import dev.landfall.core.model.Entry;
import dev.landfall.core.model.KvNamespace;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads the values of one batch of listed keys (≤ 100): one bulk get, then single reads for what
 * bulk get cannot return exactly ({@link ExactText}): those are read again raw, one request each. A 413 or 400 splits the batch in
 * halves down to single reads. Metadata and expiration come from the listing.
 */
record ValueFetcher(CloudflareClient client, KvNamespace scope, ScopeCounters counters) {
    /** One listed key's outcome: an entry, or gone (null in bulk get, 404 on its own). */
    record Item(ListedKey listed, Entry entry) {
        boolean vanished() {
            return entry == null;
        }
    }

    /** The items of {@code keys}, in the same order. */
    List<Item> fetch(List<ListedKey> keys) throws IOException {
        List<Item> out = new ArrayList<>(keys.size());
        fetchInto(keys, out);
        return out;
    }

    private void fetchInto(List<ListedKey> keys, List<Item> out) throws IOException {
        if (keys.isEmpty()) {
            return;
        }
        List<String> names = new ArrayList<>(keys.size());
        keys.forEach(k -> names.add(k.name()));
        counters.bulkGets.increment();
        BulkGetResult result = client.bulkGet(scope.namespaceId(), names);
        if (result instanceof BulkGetResult.Values v) {
            for (ListedKey k : keys) {
                Optional<String> value = v.values().get(k.name());
                if (value == null) {
                    out.add(single(k));
                } else if (value.isEmpty()) {
                    out.add(new Item(k, null));
                } else {
                    byte[] bytes = ExactText.bytes(value.get());
                    out.add(bytes == null ? single(k) : new Item(k, entry(k, bytes)));
                }
            }
        } else if (keys.size() == 1) {
            out.add(single(keys.get(0)));
        } else {
            int half = keys.size() / 2;
            fetchInto(keys.subList(0, half), out);
            fetchInto(keys.subList(half, keys.size()), out);
        }
    }

    private Item single(ListedKey k) throws IOException {
        counters.singleReads.increment();
        Optional<ValueRead> read = client.getValue(scope.namespaceId(), k.key());
        return new Item(k, read.map(r -> entry(k, r.bytes())).orElse(null));
    }

    /** The entry; its metadata in the form the export Worker gives too (JavaScriptJson). */
    private Entry entry(ListedKey k, byte[] value) {
        String metadata = k.metadata().map(JavaScriptJson::roundTrip).orElse(null);
        return new Entry(scope, k.key(), value, metadata, k.expiration());
    }
}
