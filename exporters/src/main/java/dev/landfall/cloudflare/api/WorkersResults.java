package dev.landfall.cloudflare.api;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Readers of the Workers results (scripts, settings, Durable Object lists), each streaming its
 * {@code result} from a parser at the result's first token, skipping unknown fields whole.
 */
final class WorkersResults {
    private WorkersResults() {}

    /** The script list: {@code [{id, handlers, modified_on, …}]}, bindings left empty. */
    static List<WorkerScript> scripts(JsonParser p) throws IOException {
        JsonSteps.expect(p, JsonToken.START_ARRAY, "a list of scripts");
        List<WorkerScript> out = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            JsonSteps.expect(p, JsonToken.START_OBJECT, "a script");
            String id = null;
            String modified = "";
            List<String> handlers = new ArrayList<>();
            for (String field = p.nextFieldName(); field != null; field = p.nextFieldName()) {
                JsonToken v = p.nextToken();
                switch (field) {
                    case "id" -> id = v == JsonToken.VALUE_STRING ? p.getText() : JsonSteps.skip(p);
                    case "modified_on" -> modified = v == JsonToken.VALUE_STRING ? p.getText() : JsonSteps.skip(p);
                    case "handlers" -> strings(p, v, handlers);
                    default -> p.skipChildren();
                }
            }
            if (id == null) {
                throw new JsonParseException(p, "a script has no string \"id\"");
            }
            out.add(new WorkerScript(id, handlers, modified, List.of()));
        }
        return out;
    }

    /** A script's settings: only {@code bindings}, each reduced to {@link WorkerBinding}. */
    static List<WorkerBinding> bindings(JsonParser p) throws IOException {
        JsonSteps.expect(p, JsonToken.START_OBJECT, "script settings");
        List<WorkerBinding> out = new ArrayList<>();
        for (String field = p.nextFieldName(); field != null; field = p.nextFieldName()) {
            JsonToken v = p.nextToken();
            if (!field.equals("bindings") || v != JsonToken.START_ARRAY) {
                p.skipChildren();
                continue;
            }
            while (p.nextToken() != JsonToken.END_ARRAY) {
                JsonSteps.expect(p, JsonToken.START_OBJECT, "a binding");
                out.add(binding(p));
            }
        }
        return out;
    }

    private static WorkerBinding binding(JsonParser p) throws IOException {
        String name = null;
        String type = null;
        Map<String, String> found = new LinkedHashMap<>();
        for (String field = p.nextFieldName(); field != null; field = p.nextFieldName()) {
            JsonToken v = p.nextToken();
            if (field.equals("name") && v == JsonToken.VALUE_STRING) {
                name = p.getText();
            } else if (field.equals("type") && v == JsonToken.VALUE_STRING) {
                type = p.getText();
            } else if (v == JsonToken.VALUE_STRING && WorkerBinding.REFERENCE_FIELDS.contains(field)) {
                found.put(field, p.getText());
            } else {
                // Values (text, json, parts) and anything unknown: never read, never kept.
                p.skipChildren();
            }
        }
        if (name == null || type == null) {
            throw new JsonParseException(p, "a binding has no string \"name\" or \"type\"");
        }
        Map<String, String> ordered = new LinkedHashMap<>();
        for (String f : WorkerBinding.REFERENCE_FIELDS) {
            if (found.containsKey(f)) {
                ordered.put(f, found.get(f));
            }
        }
        return new WorkerBinding(name, type, ordered);
    }

    /** The Durable Object namespace list, each bound by {@code reader}. */
    static List<DurableObjectNamespaceInfo> doNamespaces(JsonParser p, ObjectReader reader) throws IOException {
        return JsonSteps.boundList(p, reader, "a list of Durable Object namespaces", "a Durable Object namespace");
    }

    /**
     * An object list page: {@code [{"id": "…", "hasStoredData": true}, …]}, other members skipped.
     * The cursor comes from {@code result_info}; the page returned has none.
     */
    static ObjectPage objects(JsonParser p) throws IOException {
        JsonSteps.expect(p, JsonToken.START_ARRAY, "a list of objects");
        List<String> ids = new ArrayList<>();
        int stored = 0;
        while (p.nextToken() != JsonToken.END_ARRAY) {
            JsonSteps.expect(p, JsonToken.START_OBJECT, "an object");
            String id = null;
            boolean hasData = true;
            for (String field = p.nextFieldName(); field != null; field = p.nextFieldName()) {
                JsonToken v = p.nextToken();
                if (field.equals("id") && v == JsonToken.VALUE_STRING) {
                    id = p.getText();
                } else if (field.equals("hasStoredData") && v == JsonToken.VALUE_FALSE) {
                    hasData = false;
                } else {
                    p.skipChildren();
                }
            }
            if (id == null) {
                throw new JsonParseException(p, "an object has no string \"id\"");
            }
            ids.add(id);
            stored += hasData ? 1 : 0;
        }
        return new ObjectPage(ids, stored, "");
    }

    private static void strings(JsonParser p, JsonToken v, List<String> into) throws IOException {
        if (v != JsonToken.START_ARRAY) {
            p.skipChildren();
            return;
        }
        while (p.nextToken() != JsonToken.END_ARRAY) {
            if (p.currentToken() == JsonToken.VALUE_STRING) {
                into.add(p.getText());
            } else {
                p.skipChildren();
            }
        }
    }
}
