package dev.landfall.cloudflare.durable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.landfall.cloudflare.api.CloudflareClient;
import dev.landfall.cloudflare.api.CloudflareClientOptions;
import dev.landfall.cloudflare.api.CloudflareEndpoint;
import dev.landfall.cloudflare.worker.ExportWorkerClient;
import dev.landfall.core.config.Secret;
import dev.landfall.core.error.ErrorKind;
import dev.landfall.core.error.LandfallException;
import dev.landfall.core.model.DurableObject;
import dev.landfall.core.model.Entry;
import dev.landfall.core.model.Scope;
import dev.landfall.core.retry.RetryPolicy;
import dev.landfall.core.spi.Checkpoint;
import dev.landfall.core.spi.Cursor;
import dev.landfall.sandbox.DoSeed;
import dev.landfall.sandbox.RateLimit;
import dev.landfall.sandbox.SandboxConfig;
import dev.landfall.sandbox.SandboxServer;
import dev.landfall.sandbox.internal.DurableObjectStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@link DurableObjectSource} against the sandbox: REST object lists plus its export Worker. */
class DurableObjectSourceTest {
    private static SandboxServer sandbox;

    @BeforeAll
    static void start() {
        sandbox = SandboxServer.start(SandboxConfig.builder()
                .rateLimit(RateLimit.UNLIMITED)
                .seedDo(List.of(new DoSeed("Room", 25, 30), new DoSeed("Counter", 4, 3)))
                .build());
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    private static DurableObjectSource source(List<String> selectors, int concurrency) {
        CloudflareClient api = new CloudflareClient(
                new CloudflareEndpoint(sandbox.baseUrl(), sandbox.accountId(), Secret.of(sandbox.token())),
                CloudflareClientOptions.defaults());
        RetryPolicy retry = RetryPolicy.builder(1)
                .maxAttempts(2)
                .initialBackoff(Duration.ofMillis(1))
                .build();
        ExportWorkerClient worker = new ExportWorkerClient(
                sandbox.exportWorkerUrl(), Secret.of(sandbox.exportSecret()), retry, concurrency);
        return new DurableObjectSource(api, worker, selectors, concurrency);
    }

    private static List<String> read(Cursor<Entry> c) throws IOException {
        List<String> out = new ArrayList<>();
        try (c) {
            while (c.next()) {
                out.add(c.current().key().text() + "=" + new String(c.current().value(), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    private static List<String> truth(DurableObjectStore.Namespace ns, String id) {
        return ns.entries(id).stream()
                .map(e -> e.key().text() + "=" + new String(e.value(), StandardCharsets.UTF_8))
                .toList();
    }

    @Test
    void everyObjectOfTheChosenNamespacesIsAScopeWithItsEntries() throws IOException {
        DurableObjectStore.Namespace room =
                sandbox.durableObjects().namespaces().get(0);
        DurableObjectStore.Namespace counter =
                sandbox.durableObjects().namespaces().get(1);
        try (DurableObjectSource source = source(List.of("Room", counter.id()), 4)) {
            List<Scope> scopes = new ArrayList<>();
            try (Cursor<Scope> c = source.scopes()) {
                while (c.next()) {
                    Scope s = c.current();
                    scopes.add(s);
                    DurableObject d = (DurableObject) s;
                    DurableObjectStore.Namespace ns = d.namespaceId().equals(room.id()) ? room : counter;
                    if (d.holdsSqlTables()) {
                        // The sandbox has no SQL tables: the schema entry alone, an empty list.
                        assertEquals(List.of("schema=[]"), read(source.entries(s, Checkpoint.START)));
                    } else {
                        assertEquals(truth(ns, d.objectId()), read(source.entries(s, Checkpoint.START)), d.objectId());
                    }
                }
            }
            // Room is SQLite-backed in the sandbox (even index), so each object has a :sql scope.
            assertEquals(room.objectIds().size() * 2 + counter.objectIds().size(), scopes.size());
        }
    }

    @Test
    void aCheckpointResumesInsideAnObject() throws IOException {
        DurableObjectStore.Namespace counter =
                sandbox.durableObjects().namespaces().get(1);
        String id = counter.objectIds().get(2);
        DurableObject scope = new DurableObject(counter.id(), id);
        try (DurableObjectSource source = source(List.of("Counter"), 2)) {
            Checkpoint mid;
            try (Cursor<Entry> c = source.entries(scope, Checkpoint.START)) {
                c.next();
                mid = c.checkpoint();
            }
            List<String> all = truth(counter, id);
            assertEquals(all.subList(1, all.size()), read(source.entries(scope, mid)));
        }
    }

    @Test
    void anUnknownNamespaceIsAUsageErrorListingWhatExists() throws IOException {
        try (DurableObjectSource source = source(List.of("Nope"), 2)) {
            LandfallException e = assertThrows(LandfallException.class, source::scopes);
            assertEquals(ErrorKind.USAGE, e.kind());
            assertTrue(e.hint().orElse("").contains("Room"), e.hint().orElse(""));
        }
    }
}
