package dev.landfall.sandbox;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.landfall.core.codec.TypedJsonDecoder;
import dev.landfall.core.codec.TypedJsonEncoder;
import dev.landfall.core.model.Entry;
import dev.landfall.sandbox.internal.DurableObjectStore;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Seeded Durable Object values are canonical typed JSON, so exports of them can round-trip. */
class DurableObjectSeedTest {
    @Test
    void seededValuesAreCanonicalTypedJsonInKeyOrder() {
        SandboxConfig config = SandboxConfig.builder()
                .seedDo(List.of(DoSeed.parse("Room=3x60")))
                .build();
        try (SandboxServer server = SandboxServer.start(config)) {
            DurableObjectStore.Namespace ns =
                    server.durableObjects().namespaces().get(0);
            assertEquals(3, ns.objectIds().size());
            TypedJsonDecoder decoder = new TypedJsonDecoder();
            TypedJsonEncoder encoder = new TypedJsonEncoder();
            Set<String> tags = new HashSet<>();
            for (String objectId : ns.objectIds()) {
                List<Entry> entries = ns.entries(objectId);
                assertEquals(60, entries.size());
                for (int i = 0; i < entries.size(); i++) {
                    Entry e = entries.get(i);
                    if (i > 0) {
                        assertTrue(entries.get(i - 1).key().compareTo(e.key()) < 0, "key order at " + e.key());
                    }
                    byte[] canonical = encoder.encode(decoder.decode(e.value()));
                    assertArrayEquals(canonical, e.value(), () -> "not canonical: " + new String(e.value()));
                    String text = new String(e.value(), java.nio.charset.StandardCharsets.UTF_8);
                    if (text.startsWith("{\"$t\":\"")) {
                        tags.add(text.substring(7, text.indexOf('"', 7)));
                    }
                }
            }
            assertEquals(Set.of("Date", "Map", "Set", "Bytes", "BigInt", "Number", "Object"), tags);
        }
    }
}
