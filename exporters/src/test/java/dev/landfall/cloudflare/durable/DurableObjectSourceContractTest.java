package dev.landfall.cloudflare.durable;

import dev.landfall.cloudflare.api.CloudflareClient;
import dev.landfall.cloudflare.api.CloudflareClientOptions;
import dev.landfall.cloudflare.api.CloudflareEndpoint;
import dev.landfall.cloudflare.worker.ExportWorkerClient;
import dev.landfall.core.config.Secret;
import dev.landfall.core.error.ErrorKind;
import dev.landfall.core.model.DurableObject;
import dev.landfall.core.model.Entry;
import dev.landfall.core.model.Scope;
import dev.landfall.core.retry.RetryPolicy;
import dev.landfall.core.spi.Source;
import dev.landfall.core.store.AbstractSourceContractTest;
import dev.landfall.sandbox.DoSeed;
import dev.landfall.sandbox.RateLimit;
import dev.landfall.sandbox.SandboxConfig;
import dev.landfall.sandbox.SandboxServer;
import dev.landfall.sandbox.internal.DurableObjectStore;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;

/**
 * The source contract for Durable Objects read through the export Worker, against the sandbox. The
 * sandbox generates each object's storage (typed-JSON values, no metadata or expirations), so the
 * fixture is what it generated for the objects of a key-value-backed class; broken: a wrong export
 * secret.
 */
class DurableObjectSourceContractTest extends AbstractSourceContractTest {
    private static SandboxServer sandbox;

    @BeforeAll
    static void start() {
        sandbox = SandboxServer.start(SandboxConfig.defaults()
                .withRateLimit(RateLimit.UNLIMITED)
                .withSeedDo(List.of(new DoSeed("Room", 2, 5), new DoSeed("Counter", 3, 24))));
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @Override
    protected Map<Scope, List<Entry>> expected() {
        // The second seed is not SQLite-backed (the sandbox alternates): storage entries only.
        DurableObjectStore.Namespace counter =
                sandbox.durableObjects().namespaces().get(1);
        Map<Scope, List<Entry>> out = new LinkedHashMap<>();
        for (String id : counter.objectIds()) {
            out.put(new DurableObject(counter.id(), id), counter.entries(id));
        }
        return out;
    }

    @Override
    protected Source openSource() {
        return source(sandbox.exportSecret());
    }

    @Override
    protected Broken broken() {
        return new Broken(ErrorKind.REJECTED, () -> source("not-the-secret"));
    }

    private static DurableObjectSource source(String secret) {
        CloudflareClient api = new CloudflareClient(
                new CloudflareEndpoint(sandbox.baseUrl(), sandbox.accountId(), Secret.of(sandbox.token())),
                CloudflareClientOptions.defaults());
        RetryPolicy retry = RetryPolicy.builder(1)
                .maxAttempts(2)
                .initialBackoff(Duration.ofMillis(1))
                .build();
        ExportWorkerClient worker = new ExportWorkerClient(sandbox.exportWorkerUrl(), Secret.of(secret), retry, 2);
        return new DurableObjectSource(api, worker, List.of("Counter"), 2);
    }

    @Test
    @Override
    @Disabled("the sandbox generates Durable Object keys (ASCII and Cyrillic): none whose byte order differs"
            + " from String order; the stores' and KV subclasses cover that order")
    public void theFixtureHoldsKeysWhoseByteOrderIsNotStringOrder() {}
}
