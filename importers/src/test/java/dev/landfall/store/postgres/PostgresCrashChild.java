package dev.landfall.store.postgres;

import dev.landfall.core.model.Entry;
import dev.landfall.core.model.Key;
import dev.landfall.core.model.KvNamespace;
import dev.landfall.core.spi.ScopeWriter;
import dev.landfall.core.spi.WriteMode;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;

/**
 * The process {@link PostgresCrashIT} kills: writes batches forever into the store named by
 * {@code LANDFALL_CRASH_URL} (from the environment, so the password is not on a command line).
 * Batch {@code b} puts {@value #OWN} keys {@code bNNNNN-IIIII} and sets every one of {@value
 * #SHARED} shared keys to {@code gen b}; it prints {@code flushing b} before and {@code flushed b}
 * after its flush. A second argument, unless {@code -1}, is the last batch it writes before it exits.
 */
final class PostgresCrashChild {
    static final KvNamespace KV = new KvNamespace("c7a5e000000000000000000000000001", "CRASH");
    static final int OWN = 10_000;
    static final int SHARED = 1_000;

    private PostgresCrashChild() {}

    public static void main(String[] args) throws Exception {
        int first = Integer.parseInt(args[0]);
        int stop = args.length > 1 && !args[1].equals("-1") ? Integer.parseInt(args[1]) : Integer.MAX_VALUE;
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        Random random = new Random(first);
        try (PostgresStore store = PostgresTestServer.open(System.getenv("LANDFALL_CRASH_URL"));
                ScopeWriter w = store.open(KV, WriteMode.UPSERT)) {
            for (int b = first; b <= stop; b++) {
                for (int i = 0; i < OWN; i++) {
                    byte[] value = new byte[200];
                    random.nextBytes(value);
                    w.put(new Entry(KV, Key.of(String.format("b%05d-%05d", b, i)), value, "{\"b\":" + b + "}", null));
                }
                byte[] generation = ("gen " + b).getBytes(StandardCharsets.UTF_8);
                for (int i = 0; i < SHARED; i++) {
                    w.put(new Entry(KV, Key.of(String.format("shared-%04d", i)), generation, null, null));
                }
                out.println("flushing " + b);
                w.flush();
                out.println("flushed " + b);
            }
        }
    }
}
