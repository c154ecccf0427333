package dev.landfall.cloudflare;

import dev.landfall.cloudflare.api.CloudflareClient;
import dev.landfall.cloudflare.api.CloudflareClientOptions;
import dev.landfall.cloudflare.api.CloudflareEndpoint;
import dev.landfall.cloudflare.worker.ExportWorkerClient;
import dev.landfall.core.codec.JavaScriptJson;
import dev.landfall.core.config.Secret;
import dev.landfall.core.model.Entry;
import dev.landfall.core.model.KvNamespace;
import dev.landfall.core.model.Scope;
import dev.landfall.core.retry.RetryPolicy;
import dev.landfall.core.time.RequestBudget;
import dev.landfall.sandbox.RateLimit;
import dev.landfall.sandbox.SandboxConfig;
import dev.landfall.sandbox.SandboxServer;
import dev.landfall.sandbox.internal.KvItem;
import dev.landfall.sandbox.internal.KvNamespaceState;
import dev.landfall.sandbox.internal.KvValue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An unthrottled sandbox for the source contract tests, with clients for its REST API and export
 * Worker that it closes with itself, and a way to put known KV entries into its state directly.
 */
public final class SandboxFixture implements AutoCloseable {
    private final SandboxServer server;
    private final List<AutoCloseable> clients = new ArrayList<>();

    /** Starts a sandbox with {@code config}, rate limits off. */
    public SandboxFixture(SandboxConfig config) {
        this.server = SandboxServer.start(
                config.toBuilder().rateLimit(RateLimit.UNLIMITED).build());
    }

    public SandboxServer server() {
        return server;
    }

    /**
     * Puts {@code known}'s KV scopes into the sandbox, each under a new namespace of the same title;
     * returns them as a Cloudflare source gives them back (other scopes are left out): metadata as
     * JavaScript writes it (docs/bundle-format.md, "Metadata exported from Cloudflare").
     */
    public Map<Scope, List<Entry>> putKv(Map<Scope, List<Entry>> known) {
        Map<Scope, List<Entry>> expected = new LinkedHashMap<>();
        for (Map.Entry<Scope, List<Entry>> scope : known.entrySet()) {
            if (!(scope.getKey() instanceof KvNamespace ns)) {
                continue;
            }
            KvNamespaceState state = server.kvStore().create(ns.title());
            KvNamespace here = new KvNamespace(state.id(), ns.title());
            List<Entry> entries = new ArrayList<>();
            for (Entry e : scope.getValue()) {
                state.put(new KvItem(e.key(), new KvValue.Stored(e.value()), e.metadataJson(), e.expiration()));
                String metadata = e.metadataJson() == null ? null : JavaScriptJson.roundTrip(e.metadataJson());
                entries.add(new Entry(here, e.key(), e.value(), metadata, e.expiration()));
            }
            expected.put(here, List.copyOf(entries));
        }
        return expected;
    }

    /** A REST client with the given token. */
    public CloudflareClient api(String token) {
        CloudflareClient c = new CloudflareClient(
                new CloudflareEndpoint(server.baseUrl(), server.accountId(), Secret.of(token)),
                CloudflareClientOptions.builder()
                        .budget(RequestBudget.UNLIMITED)
                        .build());
        clients.add(c);
        return c;
    }

    public CloudflareClient api() {
        return api(server.token());
    }

    /** An export Worker client with the given secret, retrying once, quickly. */
    public ExportWorkerClient worker(String secret) {
        RetryPolicy retry = RetryPolicy.builder(1)
                .maxAttempts(2)
                .initialBackoff(Duration.ofMillis(1))
                .build();
        ExportWorkerClient w = new ExportWorkerClient(server.exportWorkerUrl(), Secret.of(secret), retry, 2);
        clients.add(w);
        return w;
    }

    public ExportWorkerClient worker() {
        return worker(server.exportSecret());
    }

    @Override
    public void close() throws Exception {
        for (AutoCloseable c : clients) {
            c.close();
        }
        server.close();
    }
}
