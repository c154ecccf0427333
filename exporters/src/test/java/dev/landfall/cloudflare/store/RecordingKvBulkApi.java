package dev.landfall.cloudflare.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.landfall.cloudflare.api.BulkWriteResult;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Records every bulk call; answers with what the test's function says (all taken, by default). */
final class RecordingKvBulkApi implements KvBulkApi {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One bulk write as sent: its parsed items and the body's size. */
    record Write(String namespaceId, List<JsonNode> items, int bodyBytes) {}

    final List<Write> writes = new ArrayList<>();
    final List<List<String>> deletes = new ArrayList<>();
    Function<Write, BulkWriteResult> writeAnswer = w -> BulkWriteResult.ALL;

    @Override
    public BulkWriteResult write(String namespaceId, String title, byte[] body, int pairs) throws IOException {
        List<JsonNode> items = new ArrayList<>();
        JSON.readTree(body).forEach(items::add);
        if (items.size() != pairs) {
            throw new AssertionError("pairs " + pairs + " but the body holds " + items.size());
        }
        Write w = new Write(namespaceId, items, body.length);
        writes.add(w);
        return writeAnswer.apply(w);
    }

    @Override
    public BulkWriteResult delete(String namespaceId, String title, List<String> keys) {
        deletes.add(List.copyOf(keys));
        return BulkWriteResult.ALL;
    }

    /** Every key written, in the order sent. */
    List<String> writtenKeys() {
        List<String> out = new ArrayList<>();
        for (Write w : writes) {
            w.items().forEach(i -> out.add(i.get("key").asText()));
        }
        return out;
    }
}
