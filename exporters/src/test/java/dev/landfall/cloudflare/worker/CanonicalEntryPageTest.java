package dev.landfall.cloudflare.worker;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.landfall.core.bundle.BundleOptions;
import dev.landfall.core.bundle.BundleStore;
import dev.landfall.core.codec.TypedJsonDecoder;
import dev.landfall.core.codec.TypedJsonEncoder;
import dev.landfall.core.config.Secret;
import dev.landfall.core.model.DurableObject;
import dev.landfall.core.model.Entry;
import dev.landfall.core.model.Key;
import dev.landfall.core.retry.RetryPolicy;
import dev.landfall.core.spi.ScopeWriter;
import dev.landfall.core.spi.WriteMode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The export Worker's own answers are read without decoding their values ({@link
 * CanonicalEntryPage}); every page must come out as the general reader (decode, then encode) makes
 * it, so a bundle is the same byte for byte whichever reader read its pages.
 */
class CanonicalEntryPageTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String BULK_VALUE =
            "{\"i\":%d,\"at\":{\"$t\":\"Date\",\"v\":\"1970-01-01T00:%02d:00.000Z\"},\"tags\":{\"$t\":\"Set\",\"v\":[\"a\",%d]}}";

    private final ExportWorkerClient client = new ExportWorkerClient(
            "http://127.0.0.1:9/",
            Secret.of("not-used-no-request-is-made"),
            RetryPolicy.builder(1).build(),
            1);

    @TempDir
    Path dir;

    @AfterEach
    void close() {
        client.close();
    }

    @Test
    void everySharedVectorReadsAsTheGeneralReaderReadsIt() throws IOException {
        int kept = 0;
        List<byte[]> values = vectorValues();
        for (byte[] value : values) {
            byte[] body = page(List.of(entry("k", value)), "null");
            Optional<EntryPage> fast = CanonicalEntryPage.read(body);
            if (fast.isPresent()) {
                kept++;
                assertEquals(client.decodeEntries(body), fast.get(), new String(value, StandardCharsets.UTF_8));
            }
        }
        assertTrue(kept > values.size() / 3, "read " + kept + " of " + values.size() + " without decoding");
    }

    @Test
    void aBundleIsByteIdenticalWhicheverReaderReadItsPages() throws IOException {
        TypedJsonDecoder decoder = new TypedJsonDecoder();
        TypedJsonEncoder encoder = new TypedJsonEncoder();
        List<String> entries = new ArrayList<>();
        TreeMap<String, byte[]> sorted = new TreeMap<>();
        int i = 0;
        for (byte[] raw : vectorValues()) {
            sorted.put(String.format("vector:%04d", i++), encoder.encode(decoder.decode(raw)));
        }
        for (int n = 0; n < 500; n++) {
            sorted.put(
                    String.format("entry:%06d", n),
                    String.format(BULK_VALUE, n, n % 60, n).getBytes(StandardCharsets.UTF_8));
        }
        sorted.put("\u00e9t\u00e9 \ud83d\ude00", "\"caf\u00e9\"".getBytes(StandardCharsets.UTF_8));
        List<byte[]> canonicalOnly = new ArrayList<>();
        sorted.forEach((k, v) -> {
            byte[] one = page(List.of(entry(k, v)), "null");
            if (CanonicalEntryPage.read(one).isPresent()) {
                entries.add(entry(k, v));
                canonicalOnly.add(v);
            }
        });
        assertTrue(canonicalOnly.size() > 500, "fixture too small: " + canonicalOnly.size());
        byte[] body = page(entries, "\"entry:000499\"");

        EntryPage fast = CanonicalEntryPage.read(body).orElseThrow();
        EntryPage general = client.decodeEntries(body);
        assertEquals(general, fast);
        assertEquals(Optional.of("entry:000499"), fast.next());
        assertTrue(CanonicalEntryPage.read(spaced(body)).isEmpty(), "whitespace is the general reader's");
        assertEquals(general, client.decodeEntries(spaced(body)));

        Path a = writeBundle(dir.resolve("canonical"), fast);
        Path b = writeBundle(dir.resolve("general"), general);
        List<Path> files;
        try (Stream<Path> walk = Files.walk(a)) {
            files = walk.filter(Files::isRegularFile)
                    .map(a::relativize)
                    .sorted()
                    .toList();
        }
        assertTrue(files.size() >= 2, "a manifest and a part: " + files);
        try (Stream<Path> walk = Files.walk(b)) {
            assertEquals(
                    files,
                    walk.filter(Files::isRegularFile)
                            .map(b::relativize)
                            .sorted()
                            .toList());
        }
        for (Path f : files) {
            assertArrayEquals(Files.readAllBytes(b.resolve(f)), Files.readAllBytes(a.resolve(f)), f.toString());
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"entries\":[{\"key\":\"a\",\"error\":{\"reason\":\"function\",\"path\":\"$\",\"message\":\"m\"}}],\"next\":null}",
                "{\"entries\":[{\"key\":\"a\\\"b\",\"value\":1}],\"next\":null}",
                "{\"entries\":[{\"key\":\"a\",\"value\":1}],\"next\":\"a\\\\b\"}",
                "{\"entries\":[{\"key\":\"a\",\"value\":1,\"x\":2}],\"next\":null}",
                "{\"entries\":[{\"value\":1,\"key\":\"a\"}],\"next\":null}",
                "{\"entries\": [],\"next\":null}",
                "{\"entries\":[],\"next\":null}\n",
                "{\"next\":null,\"entries\":[]}",
                "{\"entries\":[{\"key\":\"a\",\"value\":1.0}],\"next\":null}",
                "{\"entries\":[{\"key\":\"a\",\"value\":1}],\"next\":null",
                "{\"entries\":[{\"key\":\"a\",\"value\":1},],\"next\":null}"
            })
    void leavesAnyOtherAnswerToTheGeneralReader(String body) {
        assertTrue(
                CanonicalEntryPage.read(body.getBytes(StandardCharsets.UTF_8)).isEmpty(), body);
    }

    @Test
    void readsAnEmptyPage() {
        assertEquals(
                Optional.of(new EntryPage(List.of(), Optional.empty())),
                CanonicalEntryPage.read("{\"entries\":[],\"next\":null}".getBytes(StandardCharsets.UTF_8)));
    }

    private Path writeBundle(Path at, EntryPage page) throws IOException {
        DurableObject scope = new DurableObject("namespace-id", "0123abcd");
        BundleOptions options = BundleOptions.builder()
                .toolVersion("test")
                .accountId("account")
                .clock(Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC))
                .partMaxEntries(200)
                .build();
        try (BundleStore bundle = new BundleStore(at, options)) {
            try (ScopeWriter w = bundle.open(scope, WriteMode.UPSERT)) {
                for (ExportedEntry e : page.entries()) {
                    w.put(new Entry(scope, Key.of(e.key()), e.value(), null, null));
                }
                w.flush();
            }
        }
        return at;
    }

    /** The shared vectors' typed values, as Jackson writes them (not always canonical) and canonical. */
    private static List<byte[]> vectorValues() throws IOException {
        TypedJsonDecoder decoder = new TypedJsonDecoder();
        TypedJsonEncoder encoder = new TypedJsonEncoder();
        List<byte[]> out = new ArrayList<>();
        for (JsonNode v : VectorModule.vectors().path("vectors")) {
            byte[] raw = MAPPER.writeValueAsBytes(v.path("typed"));
            out.add(raw);
            out.add(encoder.encode(decoder.decode(raw)));
        }
        return out;
    }

    /** An entry of an answer as the Worker writes it. */
    private static String entry(String key, byte[] value) {
        try {
            return "{\"key\":" + MAPPER.writeValueAsString(key) + ",\"value\":"
                    + new String(value, StandardCharsets.UTF_8) + "}";
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static byte[] page(List<String> entries, String next) {
        return ("{\"entries\":[" + String.join(",", entries) + "],\"next\":" + next + "}")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** The same answer with a space after its first brace: still valid, no longer in the Worker's form. */
    private static byte[] spaced(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write('{');
        out.write(' ');
        out.write(body, 1, body.length - 1);
        return out.toByteArray();
    }
}
