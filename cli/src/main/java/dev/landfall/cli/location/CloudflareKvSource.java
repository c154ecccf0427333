package dev.landfall.cli.location;

import dev.landfall.cloudflare.api.ClientStats;
import dev.landfall.cloudflare.api.CloudflareClient;
import dev.landfall.cloudflare.api.CloudflareClientOptions;
import dev.landfall.cloudflare.api.CloudflareEndpoint;
import dev.landfall.cloudflare.kv.KvRestSource;
import dev.landfall.cloudflare.kv.KvScopeCounters;
import dev.landfall.core.model.Entry;
import dev.landfall.core.model.KvNamespace;
import dev.landfall.core.model.Scope;
import dev.landfall.core.spi.Checkpoint;
import dev.landfall.core.spi.Cursor;
import dev.landfall.core.spi.Source;
import java.io.IOException;
import java.util.List;

/** Workers KV of an account read through the REST API, owning its client: closing it closes both. */
public final class CloudflareKvSource implements Source {
    private final CloudflareClient client;
    private final KvRestSource kv;

    public CloudflareKvSource(CloudflareEndpoint endpoint, CloudflareClientOptions options, List<String> namespaces) {
        this.client = new CloudflareClient(endpoint, options);
        this.kv = new KvRestSource(client, namespaces, "");
    }

    /** What the export saw of one namespace: keys expired or vanished before their value was read. */
    public KvScopeCounters counters(KvNamespace namespace) {
        return kv.counters(namespace);
    }

    /** Requests, 429s and retries so far. */
    public ClientStats stats() {
        return client.stats();
    }

    @Override
    public String describe() {
        return kv.describe();
    }

    @Override
    public Cursor<Scope> scopes() throws IOException {
        return kv.scopes();
    }

    @Override
    public Cursor<Entry> entries(Scope scope, Checkpoint after) throws IOException {
        return kv.entries(scope, after);
    }

    @Override
    public void close() throws IOException {
        try {
            kv.close();
        } finally {
            client.close();
        }
    }
}
