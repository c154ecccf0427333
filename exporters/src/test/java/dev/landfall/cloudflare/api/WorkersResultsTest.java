package dev.landfall.cloudflare.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Workers readers: bindings keep references only, and every reader copes with one byte at a time. */
class WorkersResultsTest {
    private static final String SETTINGS = """
            {"success":true,"errors":[],"messages":[],"result":{"compatibility_date":"2025-04-01",
             "bindings":[
              {"name":"API_KEY","type":"secret_text","text":"hunter2-SECRET-VALUE"},
              {"type":"plain_text","name":"REGION","text":"eu-west-1-VALUE"},
              {"name":"CONFIG","type":"json","json":{"password":"json-SECRET"}},
              {"name":"CACHE","type":"kv_namespace","namespace_id":"abc","extra":{"n":[1,2]}},
              {"name":"ROOMS","type":"durable_object_namespace","class_name":"Room","script_name":"other"},
              {"name":"NEW","type":"flagship","flag":"x"}],
             "limits":{"cpu_ms":30000}}}
            """;

    private static Envelope<List<WorkerBinding>> read(String body, boolean oneByteAtATime) throws IOException {
        InputStream in = new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8));
        if (oneByteAtATime) {
            in = new java.io.FilterInputStream(in) {
                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    return super.read(b, off, Math.min(1, len));
                }
            };
        }
        return new EnvelopeReader().read(in, WorkersResults::bindings);
    }

    @Test
    void bindingsKeepNamesTypesAndReferencesButNoValue() throws IOException {
        for (boolean slow : List.of(false, true)) {
            List<WorkerBinding> b = read(SETTINGS, slow).result();
            assertEquals(
                    List.of("API_KEY", "REGION", "CONFIG", "CACHE", "ROOMS", "NEW"),
                    b.stream().map(WorkerBinding::name).toList());
            assertEquals(Map.of(), b.get(0).references());
            assertEquals(Map.of(), b.get(1).references());
            assertEquals(Map.of(), b.get(2).references());
            assertEquals(Map.of("namespace_id", "abc"), b.get(3).references());
            assertEquals(
                    List.of("class_name", "script_name"),
                    List.copyOf(b.get(4).references().keySet()));
            assertEquals("flagship", b.get(5).type());
            String all = b.toString();
            for (String value : List.of("hunter2", "eu-west-1", "json-SECRET", "\"x\"")) {
                assertFalse(all.contains(value), value + " survived the reading: " + all);
            }
        }
    }

    @Test
    void aBindingWithoutNameOrTypeIsAParseError() {
        String body = "{\"success\":true,\"errors\":[],\"result\":{\"bindings\":[{\"type\":\"d1\"}]}}";
        assertThrows(IOException.class, () -> read(body, false));
    }

    @Test
    void scriptListsAndObjectPagesReadOneByteAtATime() throws IOException {
        String scripts = "{\"result\":[{\"id\":\"a\",\"handlers\":[\"fetch\"],\"modified_on\":\"2025-01-01\","
                + "\"routes\":[{\"x\":1}]},{\"handlers\":[],\"id\":\"b\"}],\"success\":true,\"errors\":[]}";
        InputStream slow =
                new java.io.FilterInputStream(new ByteArrayInputStream(scripts.getBytes(StandardCharsets.UTF_8))) {
                    @Override
                    public int read(byte[] b, int off, int len) throws IOException {
                        return super.read(b, off, Math.min(1, len));
                    }
                };
        List<WorkerScript> s =
                new EnvelopeReader().read(slow, WorkersResults::scripts).result();
        assertEquals(List.of("a", "b"), s.stream().map(WorkerScript::name).toList());
        assertEquals(List.of("fetch"), s.get(0).handlers());
        assertEquals("", s.get(1).modifiedOn());

        String objects = "{\"success\":true,\"errors\":[],\"result\":[{\"id\":\"1\",\"hasStoredData\":true},"
                + "{\"id\":\"2\",\"hasStoredData\":false},{\"id\":\"3\"}],"
                + "\"result_info\":{\"count\":3,\"cursors\":{\"after\":\"NEXT\"}}}";
        Envelope<ObjectPage> e = new EnvelopeReader()
                .read(new ByteArrayInputStream(objects.getBytes(StandardCharsets.UTF_8)), WorkersResults::objects);
        assertEquals(List.of("1", "2", "3"), e.result().ids());
        assertEquals(2, e.result().withStoredData());
        assertEquals("NEXT", e.info().cursor(), "cursors.after is read as the cursor");
    }
}
