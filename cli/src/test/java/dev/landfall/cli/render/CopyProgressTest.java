package dev.landfall.cli.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.landfall.core.copy.ScopeCopyResult;
import dev.landfall.core.diff.ChangeCounts;
import dev.landfall.core.diff.ChangeKind;
import dev.landfall.core.diff.KeyChange;
import dev.landfall.core.model.DurableObject;
import dev.landfall.core.model.Entry;
import dev.landfall.core.model.Key;
import dev.landfall.core.model.KvNamespace;
import dev.landfall.core.model.Scope;
import dev.landfall.core.spi.ApiUsage;
import dev.landfall.core.time.FakeClock;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class CopyProgressTest {
    private static final KvNamespace NS = new KvNamespace("abc", "SESSIONS");
    private final FakeClock clock = new FakeClock();
    private final AtomicLong requests = new AtomicLong(10);
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    @Test
    void plainModePrintsAPeriodicLineWithRatesAndApiCounts() {
        CopyProgress p = progress(false, false);
        p.scopeStarted(NS, false);
        copy(p, 100, Duration.ofMillis(10));
        requests.addAndGet(12);
        copy(p, 500, Duration.ofMillis(10));
        p.scopeFinished(new ScopeCopyResult(NS, new ChangeCounts(600, 0, 0, 0, 0, 0, 0, 600 * 3), false));
        String[] lines = text().split("\n");
        assertEquals("export: kv SESSIONS: started", lines[0]);
        assertTrue(lines[1].startsWith("export: kv SESSIONS: 500 keys, 1.5 KiB, 100 keys/s"), lines[1]);
        assertTrue(
                lines[lines.length - 1].contains("600 keys") && lines[lines.length - 1].contains("12 requests"),
                text());
        assertTrue(lines[lines.length - 1].contains("(done in 6.0 s)"), text());
        assertEquals(3, lines.length, "one periodic line every 5 s, plus start and finish: " + text());
    }

    /**
     * Durable Objects are exported several at once, their calls interleaved: each object's line
     * counts its own keys, under its own name (walked: an object of 200 entries was shown with 0
     * keys, and its one-entry ":sql" companion with 203).
     */
    @Test
    void scopesCopiedAtOnceAreCountedEachOnItsOwn() {
        DurableObject room = new DurableObject("ns", "aa");
        DurableObject sql = new DurableObject("ns", "aa:sql");
        CopyProgress p = progress(false, false);
        p.scopeStarted(room, false);
        p.scopeStarted(sql, false);
        for (int i = 0; i < 200; i++) {
            compare(p, room, i);
            if (i == 100) {
                compare(p, sql, 0);
            }
        }
        p.scopeFinished(new ScopeCopyResult(sql, new ChangeCounts(1, 0, 0, 0, 0, 0, 0, 3), false));
        p.scopeFinished(new ScopeCopyResult(room, new ChangeCounts(200, 0, 0, 0, 0, 0, 0, 600), false));
        String[] lines = text().split("\n");
        assertEquals(4, lines.length, text());
        assertTrue(lines[2].startsWith("export: " + sql.describe() + ": 1 keys, 3 B"), text());
        assertTrue(lines[3].startsWith("export: " + room.describe() + ": 200 keys, 600 B"), text());
    }

    @Test
    void terminalModeRedrawsOneLineInPlace() {
        CopyProgress p = progress(true, false);
        p.scopeStarted(NS, false);
        copy(p, 10, Duration.ofMillis(100));
        p.scopeFinished(new ScopeCopyResult(NS, new ChangeCounts(10, 0, 0, 0, 0, 0, 0, 30), false));
        assertTrue(text().contains("\r\033[2Kexport: kv SESSIONS:"), text());
        assertEquals(1, text().chars().filter(c -> c == '\n').count(), "only the finished line ends: " + text());
    }

    @Test
    void quietPrintsNothing() {
        CopyProgress p = progress(false, true);
        p.scopeStarted(NS, true);
        copy(p, 1000, Duration.ofMillis(100));
        p.scopeFinished(new ScopeCopyResult(NS, new ChangeCounts(1000, 0, 0, 0, 0, 0, 0, 3000), true));
        assertEquals("", text());
    }

    private CopyProgress progress(boolean tty, boolean quiet) {
        PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        return new CopyProgress(
                "export", err, tty, quiet, clock, Optional.of(() -> new ApiUsage(requests.get(), 0, 0)));
    }

    private void copy(CopyProgress p, int n, Duration each) {
        for (int i = 0; i < n; i++) {
            clock.advance(each);
            Entry e = new Entry(NS, Key.of("k" + i), new byte[3], null, null);
            p.keyCompared(NS, new KeyChange(ChangeKind.CREATE, e.key(), null, e));
        }
    }

    private static void compare(CopyProgress p, Scope scope, int i) {
        Entry e = new Entry(scope, Key.of("k" + i), new byte[3], null, null);
        p.keyCompared(scope, new KeyChange(ChangeKind.CREATE, e.key(), null, e));
    }

    private String text() {
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
