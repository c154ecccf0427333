package dev.landfall.cloudflare.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.landfall.core.config.Secret;
import dev.landfall.core.error.ErrorKind;
import dev.landfall.core.error.LandfallException;
import dev.landfall.core.model.Key;
import dev.landfall.core.retry.RetryPolicy;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The export-Worker protocol (docs/export-worker-protocol.md), written once and run against every
 * implementation: the real Worker in workerd ({@code MiniflareExportWorkerIT}) and the sandbox
 * ({@code SandboxExportWorkerTest}). Subclasses say where the Worker is and name one object that
 * holds at least ten entries and one KV binding that holds at least ten keys.
 */
abstract class AbstractExportWorkerContractTest {
    /** An object of the implementation under test. */
    record KnownObject(String binding, String objectId) {}

    /** The Worker's URL. */
    protected abstract String url();

    /** The secret it was configured with. */
    protected abstract Secret secret();

    /** An object with at least ten entries. */
    protected abstract KnownObject knownObject() throws IOException;

    /** A KV binding with at least ten keys. */
    protected abstract String knownKvBinding() throws IOException;

    /**
     * Stores {@code key} (value {@code "v"}) in {@code binding} with metadata {@code metadataJson}:
     * the text as the stand-in's store holds it, or parsed as an application's {@code put} gives it.
     */
    protected abstract void putKv(String binding, String key, String metadataJson) throws IOException;

    protected ExportWorkerClient client(Secret secret) {
        RetryPolicy retry = RetryPolicy.builder(1)
                .maxAttempts(2)
                .initialBackoff(Duration.ofMillis(1))
                .build();
        return new ExportWorkerClient(url(), secret, retry, 4);
    }

    private List<ExportedEntry> readAll(ExportWorkerClient client, KnownObject o, Optional<String> from, int limit)
            throws IOException {
        List<ExportedEntry> all = new ArrayList<>();
        Optional<String> after = from;
        do {
            EntryPage page = client.entries(o.binding(), o.objectId(), after, limit);
            assertTrue(page.entries().size() <= limit, "a page holds at most limit entries");
            all.addAll(page.entries());
            after = page.next();
        } while (after.isPresent());
        return all;
    }

    @Test
    void infoNamesTheProtocolAndTheBinding() throws IOException {
        String binding = knownObject().binding();
        try (ExportWorkerClient client = client(secret())) {
            WorkerInfo info = client.info();
            assertEquals(1, info.protocol());
            assertEquals(1, info.typedJson());
            assertTrue(
                    info.durableObjects().stream().anyMatch(d -> d.binding().equals(binding)),
                    () -> "info lists " + binding + ": " + info);
        }
    }

    @Test
    void pagesAreTheSameWhateverTheLimitAndKeysAscendByUtf8Bytes() throws IOException {
        KnownObject o = knownObject();
        try (ExportWorkerClient client = client(secret())) {
            List<ExportedEntry> whole = readAll(client, o, Optional.empty(), 10_000);
            assertTrue(whole.size() >= 10, "the known object has at least ten entries");
            assertEquals(whole, readAll(client, o, Optional.empty(), 1));
            assertEquals(whole, readAll(client, o, Optional.empty(), 3));
            for (int i = 1; i < whole.size(); i++) {
                assertTrue(
                        Key.of(whole.get(i - 1).key())
                                        .compareTo(Key.of(whole.get(i).key()))
                                < 0,
                        "keys ascend: " + whole.get(i - 1).key() + " < "
                                + whole.get(i).key());
            }
            EntryPage last = client.entries(
                    o.binding(),
                    o.objectId(),
                    Optional.of(whole.get(whole.size() - 2).key()),
                    5);
            assertEquals(List.of(whole.get(whole.size() - 1)), last.entries());
            assertEquals(Optional.empty(), last.next(), "the last page has no next");
        }
    }

    @Test
    void resumingAfterAnyKeyGivesTheRest() throws IOException {
        KnownObject o = knownObject();
        try (ExportWorkerClient client = client(secret())) {
            List<ExportedEntry> whole = readAll(client, o, Optional.empty(), 10_000);
            int middle = whole.size() / 2;
            assertEquals(
                    whole.subList(middle + 1, whole.size()),
                    readAll(client, o, Optional.of(whole.get(middle).key()), 4));
            // A key that is not stored: everything after it in byte order.
            String between = whole.get(middle).key() + "\u0000";
            assertEquals(whole.subList(middle + 1, whole.size()), readAll(client, o, Optional.of(between), 1000));
        }
    }

    @Test
    void aMissingOrWrongSecretGets401AndLearnsNothing() throws Exception {
        KnownObject o = knownObject();
        HttpClient http = HttpClient.newHttpClient();
        String base = url().endsWith("/") ? url() : url() + "/";
        List<HttpRequest> requests = new ArrayList<>();
        for (String auth :
                new String[] {null, "Bearer wrong", "Bearer " + secret().reveal() + "x", "Basic abc", "Bearer "}) {
            for (String path : List.of(
                    "landfall/v1/info",
                    "landfall/v1/do/" + o.binding() + "/" + o.objectId() + "/entries",
                    "landfall/v1/do/NO_SUCH_BINDING/" + o.objectId() + "/entries",
                    "landfall/v1/nothing-here")) {
                HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path));
                if (auth != null) {
                    b.header("Authorization", auth);
                }
                requests.add(
                        path.endsWith("info")
                                ? b.GET().build()
                                : b.POST(HttpRequest.BodyPublishers.ofString("{}"))
                                        .build());
            }
        }
        for (HttpRequest r : requests) {
            HttpResponse<String> answer = http.send(r, HttpResponse.BodyHandlers.ofString());
            assertEquals(401, answer.statusCode(), r.uri().toString());
            assertEquals("{\"error\":\"unauthorized\"}", answer.body(), r.uri().toString());
            assertTrue(
                    answer.headers().firstValue("www-authenticate").orElse("").startsWith("Bearer"));
        }
    }

    @Test
    void theClientReportsARejectedSecretWithoutPrintingIt() throws IOException {
        Secret wrong = Secret.of("a-wrong-secret-that-is-long-enough-0123456789");
        try (ExportWorkerClient client = client(wrong)) {
            LandfallException e = assertThrows(LandfallException.class, client::info);
            assertEquals(ErrorKind.REJECTED, e.kind());
            String text = e.getMessage() + e.hint().orElse("");
            assertTrue(text.contains("LANDFALL_EXPORT_SECRET"), text);
            assertFalse(text.contains(wrong.reveal()));
            assertFalse(text.contains(secret().reveal()));
        }
    }

    @Test
    void anUnknownBindingIsRejectedByName() throws IOException {
        try (ExportWorkerClient client = client(secret())) {
            LandfallException e = assertThrows(
                    LandfallException.class,
                    () -> client.entries("NO_SUCH_BINDING", knownObject().objectId(), Optional.empty(), 10));
            assertEquals(ErrorKind.REJECTED, e.kind());
            assertTrue(e.getMessage().contains("NO_SUCH_BINDING"), e.getMessage());
        }
    }

    @Test
    void anInvalidObjectIdFails() throws IOException {
        try (ExportWorkerClient client = client(secret())) {
            LandfallException e = assertThrows(
                    LandfallException.class,
                    () -> client.entries(knownObject().binding(), "not-an-id", Optional.empty(), 10));
            assertEquals(ErrorKind.FAILED, e.kind());
            assertTrue(e.getMessage().contains("not-an-id"), e.getMessage());
        }
    }

    @Test
    void badLimitsAreRefused() throws IOException {
        try (ExportWorkerClient client = client(secret())) {
            KnownObject o = knownObject();
            LandfallException e = assertThrows(
                    LandfallException.class, () -> client.entries(o.binding(), o.objectId(), Optional.empty(), 0));
            assertEquals(ErrorKind.FAILED, e.kind());
            assertThrows(
                    LandfallException.class, () -> client.entries(o.binding(), o.objectId(), Optional.empty(), 10_001));
        }
    }

    private static List<String> listKeys(ExportWorkerClient client, String binding, int limit) throws IOException {
        List<String> names = new ArrayList<>();
        Optional<String> cursor = Optional.empty();
        do {
            KvKeyPage page = client.kvKeys(binding, cursor, limit);
            assertTrue(page.keys().size() <= limit, "a page holds at most limit keys");
            page.keys().forEach(k -> names.add(k.name()));
            cursor = page.cursor();
        } while (cursor.isPresent());
        return names;
    }

    @Test
    void kvKeysAreTheSameWhateverTheLimitAndAscendByUtf8Bytes() throws IOException {
        String binding = knownKvBinding();
        try (ExportWorkerClient client = client(secret())) {
            assertTrue(client.info().kv().contains(binding), "info lists " + binding);
            List<String> whole = listKeys(client, binding, 1000);
            assertTrue(whole.size() >= 10, "the known binding has at least ten keys: " + whole.size());
            assertEquals(whole, listKeys(client, binding, 3));
            for (int i = 1; i < whole.size(); i++) {
                assertTrue(
                        Key.of(whole.get(i - 1)).compareTo(Key.of(whole.get(i))) < 0,
                        "keys ascend: " + whole.get(i - 1) + " < " + whole.get(i));
            }
        }
    }

    @Test
    void kvValuesComeInTheOrderAskedAndAMissingKeySaysSo() throws IOException {
        String binding = knownKvBinding();
        try (ExportWorkerClient client = client(secret())) {
            List<String> whole = listKeys(client, binding, 1000);
            List<String> asked = List.of(whole.get(1), "landfall-no-such-key", whole.get(0));
            List<WorkerValue> values = client.kvValues(binding, asked);
            assertEquals(asked, values.stream().map(WorkerValue::key).toList());
            assertTrue(
                    values.get(0).value().isPresent() && values.get(2).value().isPresent());
            assertEquals(Optional.empty(), values.get(1).value());
            assertEquals(Optional.empty(), values.get(1).metadataJson());
        }
    }

    @Test
    void kvMetadataComesAsJsonStringifyWritesItWhateverTheStoredSpelling() throws IOException {
        String binding = knownKvBinding();
        putKv(binding, "landfall-metadata", "{ \"b\":1, \"a\":1.50, \"c\":\"\\u00e9\", \"d\":1e2, \"2\":0 }");
        // what node prints for JSON.stringify(JSON.parse(that text))
        Optional<String> javaScript = Optional.of("{\"2\":0,\"b\":1,\"a\":1.5,\"c\":\"\u00e9\",\"d\":100}");
        try (ExportWorkerClient client = client(secret())) {
            assertEquals(
                    javaScript,
                    client.kvValues(binding, List.of("landfall-metadata"))
                            .get(0)
                            .metadataJson());
            Optional<String> listed = Optional.empty();
            Optional<String> cursor = Optional.empty();
            do {
                KvKeyPage page = client.kvKeys(binding, cursor, 1000);
                for (WorkerKey k : page.keys()) {
                    if (k.name().equals("landfall-metadata")) {
                        listed = k.metadataJson();
                    }
                }
                cursor = page.cursor();
            } while (cursor.isPresent());
            assertEquals(javaScript, listed, "the key list gives the same text");
        }
    }

    @Test
    void anUnknownKvBindingIsRejectedByName() throws IOException {
        try (ExportWorkerClient client = client(secret())) {
            LandfallException e =
                    assertThrows(LandfallException.class, () -> client.kvKeys("NO_SUCH_KV", Optional.empty(), 10));
            assertEquals(ErrorKind.REJECTED, e.kind());
            assertTrue(e.getMessage().contains("NO_SUCH_KV"), e.getMessage());
            LandfallException limit = assertThrows(
                    LandfallException.class, () -> client.kvKeys(knownKvBinding(), Optional.empty(), 1001));
            assertEquals(ErrorKind.FAILED, limit.kind());
        }
    }
}
