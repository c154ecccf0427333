package dev.landfall.cloudflare.kv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.landfall.cloudflare.api.CloudflareClient;
import dev.landfall.cloudflare.api.CloudflareClientOptions;
import dev.landfall.cloudflare.api.CloudflareEndpoint;
import dev.landfall.core.config.Secret;
import dev.landfall.core.model.Entry;
import dev.landfall.core.model.Key;
import dev.landfall.core.model.KvNamespace;
import dev.landfall.core.spi.Checkpoint;
import dev.landfall.core.time.RequestBudget;
import dev.landfall.sandbox.InvalidUtf8;
import dev.landfall.sandbox.RateLimit;
import dev.landfall.sandbox.SandboxConfig;
import dev.landfall.sandbox.SandboxServer;
import dev.landfall.sandbox.internal.KvItem;
import dev.landfall.sandbox.internal.KvNamespaceState;
import dev.landfall.sandbox.internal.KvValue;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Cloudflare does not document what bulk get {@code type: "text"} does with a value that is not
 * UTF-8, so the sandbox can answer both ways: WHATWG replacement (U+FFFD per maximal subpart) or a
 * 400 for the whole batch. Either way the REST export must hold every stored byte.
 */
class KvRestSourceInvalidUtf8Test {
    private static final String BULK_GET = "/accounts/{account_id}/storage/kv/namespaces/{namespace_id}/bulk/get";
    private static final String VALUES =
            "/accounts/{account_id}/storage/kv/namespaces/{namespace_id}/values/{key_name}";

    /** Values a text decode cannot return exactly, and texts that only look like such decodes. */
    private static final List<byte[]> HARD = List.of(
            bytes(0xED, 0xA0, 0x80), // an encoded surrogate: 3 U+FFFD in WHATWG, 1 in the JDK
            bytes(0xFF),
            bytes('o', 'k', 0xF0, 0x9F, 0x98), // a truncated emoji
            bytes(0xC0, 0xAF), // overlong '/'
            bytes(0x80, 'a'), // a lone continuation byte
            bytes(0xF4, 0x90, 0x80, 0x80), // above U+10FFFF
            "a real U+FFFD: \uFFFD".getBytes(StandardCharsets.UTF_8),
            new byte[0]);

    @ParameterizedTest
    @EnumSource(InvalidUtf8.class)
    void theExportIsByteExactWhateverBulkGetDoesWithInvalidUtf8(InvalidUtf8 mode) throws IOException {
        try (SandboxServer server = SandboxServer.start(
                SandboxConfig.builder()
                        .rateLimit(RateLimit.UNLIMITED)
                        .invalidUtf8(mode)
                        .build(),
                Clock.systemUTC())) {
            KvNamespaceState state = server.kvStore().create("MIXED");
            // 250 keys: three bulk-get batches, each with hard values among plain text.
            for (int i = 0; i < 250; i++) {
                byte[] value =
                        i % 25 < HARD.size() ? HARD.get(i % 25) : ("plain é ☕ " + i).getBytes(StandardCharsets.UTF_8);
                state.put(new KvItem(Key.of(String.format("k%03d", i)), KvValue.of(value), null, null));
            }
            KvNamespace ns = new KvNamespace(state.id(), "MIXED");
            List<Entry> exported;
            try (CloudflareClient client = new CloudflareClient(
                            new CloudflareEndpoint(server.baseUrl(), server.accountId(), Secret.of(server.token())),
                            CloudflareClientOptions.builder()
                                    .budget(RequestBudget.UNLIMITED)
                                    .build());
                    KvRestSource source = new KvRestSource(client, List.of(), "")) {
                exported = SandboxTruth.drain(source.entries(ns, Checkpoint.START));
            }

            List<Entry> truth = SandboxTruth.entries(
                    server, ns, "", Clock.systemUTC().instant().getEpochSecond());
            assertEquals(truth.size(), exported.size());
            for (int i = 0; i < truth.size(); i++) {
                assertEquals(truth.get(i).key(), exported.get(i).key());
                assertArrayEquals(
                        truth.get(i).value(),
                        exported.get(i).value(),
                        "value of " + truth.get(i).key());
            }
            assertEquals(truth, exported);

            long bulkGets = server.stats().requests("POST", BULK_GET);
            long singleReads = server.stats().requests("GET", VALUES);
            assertTrue(bulkGets >= 3, "values come through bulk get: " + bulkGets);
            assertTrue(singleReads >= 70, "each of the 70 values with U+FFFD-bearing text is read raw: " + singleReads);
            if (mode == InvalidUtf8.ERROR) {
                assertTrue(server.stats().responsesByStatus().getOrDefault(400, 0L) > 0, "the sandbox refused batches");
            }
        }
    }

    private static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }
}
