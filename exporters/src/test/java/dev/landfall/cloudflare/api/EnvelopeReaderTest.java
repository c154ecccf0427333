package dev.landfall.cloudflare.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.landfall.core.store.OneByteInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every reader is fed whole and one byte at a time (STYLE.md §9). */
class EnvelopeReaderTest {
    private final EnvelopeReader reader = new EnvelopeReader();

    static Stream<Arguments> feeds() {
        Function<byte[], InputStream> whole = ByteArrayInputStream::new;
        Function<byte[], InputStream> oneByte = b -> new OneByteInputStream(new ByteArrayInputStream(b));
        return Stream.of(Arguments.of("whole", whole), Arguments.of("one byte at a time", oneByte));
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private KeyPage keys(Function<byte[], InputStream> feed, String json) throws IOException {
        RawJsonTap tap = new RawJsonTap(feed.apply(utf8(json)));
        Envelope<List<ListedKey>> e =
                reader.read(tap, p -> KvResults.keys(p, tap, reader.factory(), new ByteArrayOutputStream()));
        return new KeyPage(e.result() == null ? List.of() : e.result(), e.info().cursor());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("feeds")
    void keyListWithResultInfoAfterOrBeforeTheResult(String name, Function<byte[], InputStream> feed)
            throws IOException {
        String items = "[{\"name\":\"a/b c\",\"expiration\":1900000000,\"metadata\":{\"v\":1,\"tags\":[\"x\"]}},"
                + "{\"name\":\"é\",\"unknown\":{\"deep\":[1,{\"x\":null}]}},{\"name\":\"n\",\"metadata\":null}]";
        String after = "{\"success\":true,\"errors\":[],\"messages\":[],\"result\":" + items
                + ",\"result_info\":{\"count\":3,\"cursor\":\"c2VlZA\"}}";
        String before = "{\"result_info\":{\"cursor\":\"c2VlZA\",\"count\":3},\"extra\":[{\"a\":[]}],\"result\":"
                + items + ",\"success\":true,\"errors\":[]}";
        for (String json : List.of(after, before)) {
            KeyPage page = keys(feed, json);
            assertEquals("c2VlZA", page.cursor());
            assertEquals(3, page.keys().size());
            assertEquals(
                    ListedKey.of("a/b c", "{\"v\":1,\"tags\":[\"x\"]}", 1_900_000_000L),
                    page.keys().get(0));
            assertEquals(ListedKey.of("é", null, null), page.keys().get(1));
            assertEquals(ListedKey.of("n", null, null), page.keys().get(2));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("feeds")
    void metadataIsKeptAsTheExactTextSent(String name, Function<byte[], InputStream> feed) throws IOException {
        List<String> metadata = List.of(
                "{ \"spaced\" : [ 1 , 2.50 ] }",
                "{\"esc\":\"caf\\u00e9 \\/ \\\"q\\\"\",\"big\":12345678901234567890123,\"f\":1.0E+2}",
                "{\"label\":\"café ☕ 日本\",\"n\":7}",
                "42",
                "-0.000",
                "\"just a string\"",
                "[true,false,null]",
                "true");
        for (String m : metadata) {
            for (String tail : List.of("}", ",\"expiration\":5}", " }")) {
                String json = "{\"success\":true,\"errors\":[],\"result\":[{\"name\":\"k\",\"metadata\":" + m + tail
                        + "],\"result_info\":{\"cursor\":\"\"}}";
                KeyPage page = keys(feed, json);
                assertEquals(m, page.keys().get(0).metadataJson(), "metadata " + m + " before " + tail);
                assertTrue(page.last());
            }
        }
    }

    @Test
    void metadataLongerThanTheTapFallsBackToACompactCopy() throws IOException {
        String big = "{\"s\":\"" + "x".repeat(RawJsonTap.CAPACITY) + "\", \"n\": 1}";
        String json = "{\"success\":true,\"errors\":[],\"result\":[{\"name\":\"k\",\"metadata\":" + big + "}]}";
        KeyPage page = keys(ByteArrayInputStream::new, json);
        assertEquals(big.replace(", \"n\": 1", ",\"n\":1"), page.keys().get(0).metadataJson());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("feeds")
    void cursorEndsOnEmptyNullOrMissing(String name, Function<byte[], InputStream> feed) throws IOException {
        String base = "{\"success\":true,\"errors\":[],\"result\":[]";
        assertTrue(keys(feed, base + ",\"result_info\":{\"count\":0,\"cursor\":\"\"}}")
                .last());
        assertTrue(keys(feed, base + ",\"result_info\":{\"count\":0,\"cursor\":null}}")
                .last());
        assertTrue(keys(feed, base + ",\"result_info\":{\"count\":0}}").last());
        assertTrue(keys(feed, base + "}").last());
        KeyPage emptyButMore = keys(feed, base + ",\"result_info\":{\"count\":0,\"cursor\":\"more\"}}");
        assertTrue(emptyButMore.keys().isEmpty());
        assertFalse(emptyButMore.last(), "an empty page with a cursor is not the end");
        assertEquals(
                "after",
                keys(feed, base + ",\"result_info\":{\"cursors\":{\"after\":\"after\"}}}")
                        .cursor());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("feeds")
    void bulkGetValues(String name, Function<byte[], InputStream> feed) throws IOException {
        String json = "{\"success\":true,\"errors\":[],\"messages\":[],\"result\":{\"values\":{"
                + "\"k1\":\"text \\u00e9\",\"k2\":null,\"a/b c\":\"\",\"j\":{\"x\":1},\"n\":5,"
                + "\"m\":{\"value\":\"v\",\"metadata\":{\"a\":1},\"expiration\":9}},\"other\":[1]}}";
        Envelope<Map<String, Optional<String>>> e = reader.read(feed.apply(utf8(json)), KvResults::values);
        Map<String, Optional<String>> v = e.result();
        assertEquals(Optional.of("text é"), v.get("k1"));
        assertEquals(Optional.empty(), v.get("k2"));
        assertEquals(Optional.of(""), v.get("a/b c"));
        assertEquals(Optional.of("v"), v.get("m"));
        assertFalse(v.containsKey("j"), "a JSON value is not the stored text");
        assertFalse(v.containsKey("n"));
        assertEquals(4, v.size());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("feeds")
    void namespacesBindOneAtATime(String name, Function<byte[], InputStream> feed) throws IOException {
        ObjectReader ns = new JsonMapper(reader.factory()).readerFor(KvNamespaceInfo.class);
        String json = "{\"result\":[{\"id\":\"0f2a\",\"title\":\"SESSIONS\",\"supports_url_encoding\":true,"
                + "\"jurisdiction\":\"eu\",\"mode\":{\"x\":1}},{\"id\":\"1b\",\"title\":\"USERS\"}],"
                + "\"result_info\":{\"page\":1,\"per_page\":100,\"count\":2,\"total_count\":2},\"success\":true,\"errors\":[]}";
        Envelope<List<KvNamespaceInfo>> e = reader.read(feed.apply(utf8(json)), p -> KvResults.namespaces(p, ns));
        assertEquals(
                List.of(new KvNamespaceInfo("0f2a", "SESSIONS", true), new KvNamespaceInfo("1b", "USERS", true)),
                e.result());
        assertEquals(new ResultInfo(1, 100, 2, 2, ""), e.info());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("feeds")
    void failureEnvelopes(String name, Function<byte[], InputStream> feed) throws IOException {
        String json = "{\"success\":false,\"errors\":[{\"code\":10013,\"message\":\"list keys: 'namespace not found'\","
                + "\"documentation_url\":\"x\",\"source\":{\"pointer\":\"/a\"},\"type\":null},{\"code\":\"7003\",\"message\":\"m\"}],"
                + "\"messages\":[{\"code\":1,\"message\":\"ignored\"}],\"result\":null}";
        Envelope<Object> e = reader.read(feed.apply(utf8(json)), p -> {
            throw new AssertionError("a null result is not read");
        });
        assertFalse(e.success());
        assertNull(e.result());
        assertEquals(
                List.of(new ApiMessage(10013, "list keys: 'namespace not found'"), new ApiMessage(7003, "m")),
                e.errors());
        assertEquals(e.errors(), reader.errorsOf(json));
        assertEquals(List.of(), reader.errorsOf("<html>Bad gateway</html>"));
        assertEquals(List.of(), reader.errorsOf("{\"code\":1,\"error\":\"not an envelope\""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("feeds")
    void notAnEnvelopeIsAParseError(String name, Function<byte[], InputStream> feed) {
        assertThrows(JsonParseException.class, () -> reader.read(feed.apply(utf8("[1,2]")), p -> null));
        assertThrows(IOException.class, () -> reader.read(feed.apply(utf8("<html>")), p -> null));
        assertThrows(IOException.class, () -> keys(feed, "{\"success\":true,\"result\":[{\"name\":\"a\""));
        assertThrows(JsonParseException.class, () -> keys(feed, "{\"success\":true,\"result\":[{\"metadata\":{}}]}"));
    }

    @Test
    void constraintsAreDeliberate() {
        assertEquals(32 * 1024 * 1024, EnvelopeReader.CONSTRAINTS.getMaxStringLength());
        assertEquals(1000, EnvelopeReader.CONSTRAINTS.getMaxNestingDepth());
        String deep = "{\"success\":true,\"result\":[{\"name\":\"k\",\"metadata\":" + "[".repeat(1100)
                + "]".repeat(1100) + "}]}";
        assertThrows(StreamConstraintsException.class, () -> keys(ByteArrayInputStream::new, deep));
    }
}
