package dev.landfall.core.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.landfall.core.bundle.BundleManifest.PartRecord;
import dev.landfall.core.bundle.BundleManifest.ScopeRecord;
import dev.landfall.core.digest.ScopeDigest;
import dev.landfall.core.model.Entry;
import dev.landfall.core.model.Key;
import dev.landfall.core.model.KvNamespace;
import dev.landfall.core.spi.Cursor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EntrySpoolTest {
    private static final KvNamespace KV = new KvNamespace("0f2ac74b498b48028cb68387c421e279", "SESSIONS");

    @TempDir
    Path dir;

    /** Two parts: a few small entries of every shape, then one value larger than the file buffers. */
    private static List<List<Entry>> parts() {
        byte[] big = new byte[SpoolFile.BUFFER * 3 + 17];
        Arrays.fill(big, (byte) 0xfe);
        return List.of(
                List.of(
                        entry("a", "text", null, null),
                        entry("b", "ünïcode ✓", "{\"tag\":\"é\",\"n\":1.50}", 4_102_444_800L),
                        new Entry(KV, Key.of("c"), new byte[] {0, (byte) 0xff, 7}, null, -1L),
                        entry("d", "", "{}", null)),
                List.of(new Entry(KV, Key.of("e"), big, "[1]", 1L), entry("f", "after the big one", null, null)));
    }

    private static Entry entry(String key, String value, String metadata, Long expiration) {
        return new Entry(KV, Key.of(key), value.getBytes(StandardCharsets.UTF_8), metadata, expiration);
    }

    private static ScopeRecord record(List<List<Entry>> parts) {
        List<PartRecord> records = new ArrayList<>();
        for (List<Entry> p : parts) {
            records.add(new PartRecord(
                    "scopes/x/part-" + records.size(),
                    p.size(),
                    1,
                    "00",
                    p.get(0).key(),
                    p.get(p.size() - 1).key()));
        }
        return new ScopeRecord(KV, 1, 6, ScopeDigest.EMPTY, records);
    }

    /** Spools the parts in reverse order, each on a writer of its own, as checking threads may. */
    private static void spool(EntrySpool spool, ScopeRecord record, List<List<Entry>> parts) {
        for (int i = parts.size() - 1; i >= 0; i--) {
            try (EntrySpool.PartWriter w = spool.part(record, i)) {
                parts.get(i).forEach(w::add);
                w.complete();
            }
        }
    }

    private static List<Entry> read(Cursor<Entry> c) throws IOException {
        List<Entry> out = new ArrayList<>();
        try (c) {
            while (c.next()) {
                out.add(c.current());
            }
        }
        return out;
    }

    @Test
    void readsBackEveryEntryInPartOrderByteForByte() throws IOException {
        List<List<Entry>> parts = parts();
        ScopeRecord record = record(parts);
        try (EntrySpool spool = new EntrySpool(dir, Long.MAX_VALUE)) {
            spool(spool, record, parts);
            List<Entry> all = parts.stream().flatMap(List::stream).toList();
            assertEquals(all, read(spool.cursor(record, null)));
            assertEquals(all.subList(2, 6), read(spool.cursor(record, Key.of("b"))));
            assertEquals(all.subList(5, 6), read(spool.cursor(record, Key.of("e"))));
            assertEquals(List.of(), read(spool.cursor(record, Key.of("f"))));
        }
    }

    @Test
    void leavesNoFileBehindEvenWhileOpen() throws IOException {
        List<List<Entry>> parts = parts();
        try (EntrySpool spool = new EntrySpool(dir, Long.MAX_VALUE)) {
            spool(spool, record(parts), parts);
            try (Stream<Path> files = Files.list(dir)) {
                assertEquals(List.of(), files.toList());
            }
        }
    }

    @Test
    void aScopeNotSpooledWholeIsNotReadBack() throws IOException {
        List<List<Entry>> parts = parts();
        ScopeRecord record = record(parts);
        try (EntrySpool spool = new EntrySpool(dir, Long.MAX_VALUE)) {
            try (EntrySpool.PartWriter w = spool.part(record, 0)) {
                parts.get(0).forEach(w::add);
                w.complete();
            }
            try (EntrySpool.PartWriter w = spool.part(record, 1)) {
                parts.get(1).forEach(w::add); // its check failed: never completed
            }
            assertNull(spool.cursor(record, null));
        }
    }

    @Test
    void overItsBudgetItSpoolsNothingMoreAndTheScopeIsReadFromTheBundle() throws IOException {
        List<List<Entry>> parts = parts();
        ScopeRecord record = record(parts);
        try (EntrySpool spool = new EntrySpool(dir, SpoolFile.BUFFER)) {
            spool(spool, record, parts);
            assertNull(spool.cursor(record, null));
            List<List<Entry>> small = List.of(parts.get(0));
            ScopeRecord other = new ScopeRecord(
                    new KvNamespace("ab", "OTHER"),
                    1,
                    4,
                    ScopeDigest.EMPTY,
                    record(small).parts());
            spool(spool, other, small);
            assertNull(spool.cursor(other, null));
        }
    }

    @Test
    void aPartSpooledAgainAfterAFailedOneReadsBackWhole() throws IOException {
        List<List<Entry>> parts = parts();
        ScopeRecord record = record(parts);
        try (EntrySpool spool = new EntrySpool(dir, Long.MAX_VALUE)) {
            try (EntrySpool.PartWriter w = spool.part(record, 1)) {
                parts.get(1).forEach(w::add); // abandoned midway: its bytes are overwritten
            }
            spool(spool, record, parts);
            assertEquals(parts.stream().flatMap(List::stream).toList(), read(spool.cursor(record, null)));
        }
    }
}
