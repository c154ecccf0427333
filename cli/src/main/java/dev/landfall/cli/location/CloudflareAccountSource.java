package dev.landfall.cli.location;

import dev.landfall.cli.option.ExportWorkerAccess;
import dev.landfall.cloudflare.api.ClientStats;
import dev.landfall.cloudflare.api.CloudflareClient;
import dev.landfall.cloudflare.api.CloudflareClientOptions;
import dev.landfall.cloudflare.api.CloudflareEndpoint;
import dev.landfall.cloudflare.durable.DurableObjectSource;
import dev.landfall.cloudflare.durable.UnencodableKey;
import dev.landfall.cloudflare.kv.KvRestSource;
import dev.landfall.cloudflare.kv.KvScopeCounters;
import dev.landfall.core.model.DurableObject;
import dev.landfall.core.model.Entry;
import dev.landfall.core.model.KvNamespace;
import dev.landfall.core.model.Scope;
import dev.landfall.core.spi.Checkpoint;
import dev.landfall.core.spi.Cursor;
import dev.landfall.core.spi.ScopeSelecting;
import dev.landfall.core.spi.Source;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * A Cloudflare account as one source, owning its API client: Workers KV through the REST API and,
 * with {@code --do}, Durable Objects through the export Worker. With {@code --do} and no {@code
 * --kv}, KV is left out (as {@code export} does); closing closes every part.
 */
public final class CloudflareAccountSource implements Source, ScopeSelecting {
    private final CloudflareClient client;
    private final KvRestSource kv;
    private final DurableObjectSource durableObjects;
    private final SourceChain chain;

    /**
     * @param kvNames the {@code --kv} namespaces (empty: every namespace, unless {@code --do} is given)
     * @param doNames the {@code --do} namespaces
     * @param worker the export Worker, required when {@code doNames} is not empty
     * @param concurrency Durable Objects read at once
     */
    public CloudflareAccountSource(
            CloudflareEndpoint endpoint,
            CloudflareClientOptions options,
            List<String> kvNames,
            String prefix,
            List<String> doNames,
            ExportWorkerAccess worker,
            int concurrency) {
        this.client = new CloudflareClient(endpoint, options);
        this.kv = doNames.isEmpty() || !kvNames.isEmpty() ? new KvRestSource(client, kvNames, prefix) : null;
        this.durableObjects = doNames.isEmpty()
                ? null
                : new DurableObjectSource(client, worker.newClient(concurrency, 1), doNames, concurrency);
        List<SourceChain.Part> parts = new ArrayList<>();
        if (kv != null) {
            parts.add(new SourceChain.Part(kv, s -> s instanceof KvNamespace));
        }
        if (durableObjects != null) {
            parts.add(new SourceChain.Part(durableObjects, s -> s instanceof DurableObject));
        }
        this.chain = new SourceChain(parts);
    }

    /** What the export saw of one KV namespace: keys expired or vanished before their value was read. */
    public KvScopeCounters counters(KvNamespace namespace) {
        return kv == null ? KvScopeCounters.ZERO : kv.counters(namespace);
    }

    /** Durable Object values not exported because the Worker cannot encode them. */
    public List<UnencodableKey> unencodable() {
        return durableObjects == null ? List.of() : durableObjects.unencodable();
    }

    /** Lets Durable Object reads skip running ahead into scopes an earlier run finished. */
    public CloudflareAccountSource skipping(Predicate<Scope> done) {
        if (durableObjects != null) {
            durableObjects.skipping(done);
        }
        return this;
    }

    /** Requests, 429s and retries so far. */
    public ClientStats stats() {
        return client.stats();
    }

    /** The KV part, if KV is exported. */
    public Optional<KvRestSource> kv() {
        return Optional.ofNullable(kv);
    }

    @Override
    public String describe() {
        return chain.describe();
    }

    @Override
    public Cursor<Scope> scopes() throws IOException {
        return chain.scopes();
    }

    @Override
    public Cursor<Entry> entries(Scope scope, Checkpoint after) throws IOException {
        return chain.entries(scope, after);
    }

    @Override
    public void close() throws IOException {
        try {
            chain.close();
        } finally {
            client.close();
        }
    }
}
