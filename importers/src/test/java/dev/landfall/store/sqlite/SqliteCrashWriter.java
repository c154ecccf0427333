package dev.landfall.store.sqlite;

import dev.landfall.core.model.Entry;
import dev.landfall.core.model.Key;
import dev.landfall.core.model.KvNamespace;
import dev.landfall.core.spi.ScopeWriter;
import dev.landfall.core.spi.Store;
import dev.landfall.core.spi.StoreUri;
import dev.landfall.core.spi.WriteMode;
import java.io.IOException;
import java.util.Arrays;

/**
 * The child process of {@link SqliteCrashTest}: writes batches into a SQLite store until it is
 * killed. Batch {@code b} puts {@link #KEYS_PER_BATCH} keys {@code b000042/00017} whose values
 * carry the batch number, then flushes; it prints {@code flushing b} before and {@code flushed b}
 * after each flush.
 *
 * <p>Arguments: the database file, the first batch number.
 */
public final class SqliteCrashWriter {
    static final KvNamespace KV = new KvNamespace("c0ffee", "CRASH");
    static final int KEYS_PER_BATCH = 4_000;
    static final int VALUE_BYTES = 1_000;

    private SqliteCrashWriter() {}

    public static void main(String[] args) throws IOException {
        long batch = Long.parseLong(args[1]);
        try (Store store = new SqliteStoreProvider().open(StoreUri.parse("sqlite:" + args[0]));
                ScopeWriter w = store.open(KV, WriteMode.UPSERT)) {
            while (true) {
                byte[] value = new byte[VALUE_BYTES];
                Arrays.fill(value, (byte) ('a' + batch % 26));
                for (int i = 0; i < KEYS_PER_BATCH; i++) {
                    w.put(new Entry(KV, Key.of(key(batch, i)), value, null, null));
                }
                System.out.println("flushing " + batch);
                System.out.flush();
                w.flush();
                System.out.println("flushed " + batch);
                System.out.flush();
                batch++;
            }
        }
    }

    static String key(long batch, int i) {
        return String.format("b%06d/%05d", batch, i);
    }

    /** The batch number of a key. */
    static long batchOf(String key) {
        return Long.parseLong(key.substring(1, 7));
    }
}
