package dev.landfall.cloudflare.store;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Encoded bulk items split into requests Cloudflare accepts: each at most {@code maxItems} items
 * and at most {@code maxBytes} bytes of JSON array. Items are added in order and keep it.
 */
final class BulkBatches {
    /** One request's items: their keys (to send again the ones Cloudflare did not take) and bytes. */
    record Request(List<String> keys, List<byte[]> items) {
        /** The JSON array of the items. */
        byte[] body() {
            int size = 2 + items.size();
            for (byte[] i : items) {
                size += i.length;
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream(size);
            out.write('[');
            for (int i = 0; i < items.size(); i++) {
                if (i > 0) {
                    out.write(',');
                }
                out.writeBytes(items.get(i));
            }
            out.write(']');
            return out.toByteArray();
        }

        /** Only the items of these keys, in order. */
        Request only(List<String> wanted) {
            Set<String> set = new HashSet<>(wanted);
            List<String> k = new ArrayList<>();
            List<byte[]> b = new ArrayList<>();
            for (int i = 0; i < keys.size(); i++) {
                if (set.contains(keys.get(i))) {
                    k.add(keys.get(i));
                    b.add(items.get(i));
                }
            }
            return new Request(List.copyOf(k), List.copyOf(b));
        }
    }

    private final int maxItems;
    private final long maxBytes;
    private final List<Request> sealed = new ArrayList<>();
    private List<String> keys = new ArrayList<>();
    private List<byte[]> items = new ArrayList<>();
    private long bytes = 2;
    private long total;

    /**
     * @param maxItems items per request
     * @param maxBytes bytes per request body, brackets and commas included
     */
    BulkBatches(int maxItems, long maxBytes) {
        if (maxItems < 1 || maxBytes < 3) {
            throw new IllegalArgumentException("a request must hold at least one item");
        }
        this.maxItems = maxItems;
        this.maxBytes = maxBytes;
    }

    /**
     * Adds one item.
     *
     * @throws IllegalArgumentException when the item alone is larger than a request may be
     */
    void add(String key, byte[] item) {
        if (2L + item.length > maxBytes) {
            throw new IllegalArgumentException(
                    "a bulk item of " + item.length + " bytes does not fit a request of " + maxBytes + " bytes");
        }
        long grown = bytes + item.length + (items.isEmpty() ? 0 : 1);
        if (items.size() == maxItems || grown > maxBytes) {
            seal();
            grown = bytes + item.length;
        }
        keys.add(key);
        items.add(item);
        bytes = grown;
        total++;
    }

    /** Items added since the last {@link #drain()}. */
    long size() {
        return total;
    }

    /** The requests holding every item added since the last drain, which empties this. */
    List<Request> drain() {
        seal();
        List<Request> out = List.copyOf(sealed);
        sealed.clear();
        total = 0;
        return out;
    }

    private void seal() {
        if (!items.isEmpty()) {
            sealed.add(new Request(List.copyOf(keys), List.copyOf(items)));
            keys = new ArrayList<>();
            items = new ArrayList<>();
            bytes = 2;
        }
    }
}
