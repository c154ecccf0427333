package dev.landfall.cloudflare.store;

import dev.landfall.cloudflare.api.BulkWriteResult;
import dev.landfall.cloudflare.api.CloudflareClient;
import java.io.IOException;
import java.util.List;

/**
 * The two bulk calls a {@link KvBulkWriter} makes, so its batching can be tested without a server.
 * {@link #of(CloudflareClient)} is the real one, within the client's budget and retry policy.
 */
interface KvBulkApi {
    /** {@code PUT …/bulk} with a JSON array of {@code pairs} items. */
    BulkWriteResult write(String namespaceId, String title, byte[] body, int pairs) throws IOException;

    /** {@code POST …/bulk/delete} with the keys. */
    BulkWriteResult delete(String namespaceId, String title, List<String> keys) throws IOException;

    static KvBulkApi of(CloudflareClient client) {
        return new KvBulkApi() {
            @Override
            public BulkWriteResult write(String namespaceId, String title, byte[] body, int pairs) throws IOException {
                return client.bulkWrite(namespaceId, title, body, pairs);
            }

            @Override
            public BulkWriteResult delete(String namespaceId, String title, List<String> keys) throws IOException {
                return client.bulkDelete(namespaceId, title, keys);
            }
        };
    }
}
