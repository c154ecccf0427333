package dev.landfall.cloudflare.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.landfall.core.config.Secret;
import dev.landfall.core.model.Entry;
import dev.landfall.core.model.Key;
import dev.landfall.sandbox.DoSeed;
import dev.landfall.sandbox.KvSeed;
import dev.landfall.sandbox.SandboxConfig;
import dev.landfall.sandbox.SandboxServer;
import dev.landfall.sandbox.internal.DurableObjectStore;
import dev.landfall.sandbox.internal.KvItem;
import dev.landfall.sandbox.internal.KvNamespaceState;
import dev.landfall.sandbox.internal.KvValue;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The protocol contract against the sandbox's export Worker, and that it serves the seeded data. */
class SandboxExportWorkerTest extends AbstractExportWorkerContractTest {
    private static SandboxServer sandbox;

    @BeforeAll
    static void start() {
        sandbox = SandboxServer.start(SandboxConfig.builder()
                .seedDo(List.of(new DoSeed("Room", 3, 40), new DoSeed("Counter", 2, 12)))
                .seedKv(List.of(KvSeed.parse("CACHE=30:16")))
                .build());
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @Override
    protected String url() {
        return sandbox.exportWorkerUrl();
    }

    @Override
    protected Secret secret() {
        return Secret.of(sandbox.exportSecret());
    }

    @Override
    protected KnownObject knownObject() {
        DurableObjectStore.Namespace room =
                sandbox.durableObjects().namespaces().get(0);
        return new KnownObject(room.className(), room.objectIds().get(1));
    }

    @Override
    protected String knownKvBinding() {
        return "CACHE";
    }

    @Override
    protected void putKv(String binding, String key, String metadataJson) {
        KvNamespaceState ns = sandbox.kvStore().all().stream()
                .filter(n -> n.title().equals(binding))
                .findFirst()
                .orElseThrow();
        ns.put(new KvItem(Key.of(key), KvValue.of("v".getBytes(StandardCharsets.UTF_8)), metadataJson, null));
    }

    @Test
    void everySeededEntryComesOutAsSeeded() throws IOException {
        try (ExportWorkerClient client = client(secret())) {
            for (DurableObjectStore.Namespace ns : sandbox.durableObjects().namespaces()) {
                for (String id : ns.objectIds()) {
                    List<String> got = new ArrayList<>();
                    Optional<String> after = Optional.empty();
                    do {
                        EntryPage page = client.entries(ns.className(), id, after, 7);
                        page.entries()
                                .forEach(e -> got.add(e.key() + "=" + new String(e.value(), StandardCharsets.UTF_8)));
                        after = page.next();
                    } while (after.isPresent());
                    List<String> want = new ArrayList<>();
                    for (Entry e : ns.entries(id)) {
                        want.add(e.key().text() + "=" + new String(e.value(), StandardCharsets.UTF_8));
                    }
                    assertEquals(want, got, ns.className() + "/" + id);
                }
                assertEquals(
                        ns.useSqlite(),
                        client.schema(ns.className(), ns.objectIds().get(0)).sqlite());
            }
        }
    }
}
