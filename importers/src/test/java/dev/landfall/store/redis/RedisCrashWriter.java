package dev.landfall.store.redis;

import dev.landfall.core.model.Entry;
import dev.landfall.core.model.Key;
import dev.landfall.core.model.KvNamespace;
import dev.landfall.core.spi.ScopeWriter;
import dev.landfall.core.spi.StoreUri;
import dev.landfall.core.spi.WriteMode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;

/**
 * The child process of {@link RedisCrashIT}: writes generation after generation until it is killed.
 * Generation g rewrites every shared key {@code s-NNNNN} to {@code g} and adds new keys {@code
 * n-g-NNNNN}, all in one flush, then prints {@code flushed g}. A torn batch would show as shared
 * keys of two generations, or a generation's new keys half there. Arguments: the store URI, and
 * optionally the first generation (1) and the last (none: until killed).
 */
public final class RedisCrashWriter {
    static final KvNamespace KV = new KvNamespace("c4a5hc4a5hc4a5hc4a5hc4a5hc4a5h00", "CRASH");
    static final int SHARED = 4_000;
    static final int FRESH = 4_000;
    static final int VALUE_BYTES = 1_000;

    private RedisCrashWriter() {}

    public static void main(String[] args) throws IOException {
        RedisStore store = RedisStore.open(RedisStoreUri.parse(StoreUri.parse(args[0])), Clock.systemUTC());
        byte[] padding = new byte[VALUE_BYTES];
        Arrays.fill(padding, (byte) 'x');
        long first = args.length > 1 ? Long.parseLong(args[1]) : 1;
        long last = args.length > 2 ? Long.parseLong(args[2]) : Long.MAX_VALUE;
        try (ScopeWriter w = store.open(KV, WriteMode.UPSERT)) {
            for (long g = first; g <= last; g++) {
                byte[] value = value(g, padding);
                String metadata = "{\"gen\":" + g + "}";
                for (int i = 0; i < SHARED; i++) {
                    w.put(new Entry(KV, Key.of(String.format("s-%05d", i)), value, metadata, null));
                }
                for (int i = 0; i < FRESH; i++) {
                    w.put(new Entry(KV, Key.of(String.format("n-%06d-%05d", g, i)), value, null, null));
                }
                w.flush();
                System.out.println("flushed " + g);
                System.out.flush();
            }
        }
        store.close();
    }

    static byte[] value(long generation, byte[] padding) {
        byte[] head = (generation + ":").getBytes(StandardCharsets.US_ASCII);
        byte[] out = Arrays.copyOf(head, head.length + padding.length);
        System.arraycopy(padding, 0, out, head.length, padding.length);
        return out;
    }
}
