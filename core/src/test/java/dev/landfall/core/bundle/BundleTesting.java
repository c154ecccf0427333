package dev.landfall.core.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.landfall.core.error.ErrorKind;
import dev.landfall.core.error.LandfallException;
import dev.landfall.core.model.Entry;
import dev.landfall.core.model.Key;
import dev.landfall.core.model.KvNamespace;
import dev.landfall.core.model.Scope;
import dev.landfall.core.spi.Checkpoint;
import dev.landfall.core.spi.Cursor;
import dev.landfall.core.spi.ScopeWriter;
import dev.landfall.core.spi.Source;
import dev.landfall.core.spi.Store;
import dev.landfall.core.spi.WriteMode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/** Shared fixtures for the bundle tests. */
final class BundleTesting {
    static final KvNamespace KV = new KvNamespace("0f2ac74b498b48028cb68387c421e279", "SESSIONS");
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-29T01:36:00Z"), ZoneOffset.UTC);

    private BundleTesting() {}

    static BundleOptions parts(int entries) {
        return BundleOptions.builder()
                .toolVersion("9.9.9-test")
                .clock(CLOCK)
                .partMaxEntries(entries)
                .build();
    }

    static List<Entry> numbered(Scope scope, int from, int to) {
        List<Entry> out = new ArrayList<>();
        for (int i = from; i < to; i++) {
            out.add(new Entry(
                    scope,
                    Key.of(String.format("key-%04d", i)),
                    ("value " + i).getBytes(StandardCharsets.UTF_8),
                    i % 3 == 0 ? "{\"i\":" + i + "}" : null,
                    i % 4 == 0 ? 4_102_444_800L + i : null));
        }
        return out;
    }

    static void write(Store store, Scope scope, List<Entry> entries) throws IOException {
        try (ScopeWriter w = store.open(scope, WriteMode.UPSERT)) {
            for (Entry e : entries) {
                w.put(e);
            }
            w.flush();
        }
    }

    static List<Entry> readAll(Source source, Scope scope) throws IOException {
        List<Entry> out = new ArrayList<>();
        try (Cursor<Entry> c = source.entries(scope, Checkpoint.START)) {
            while (c.next()) {
                out.add(c.current());
            }
        }
        return out;
    }

    static Path scopeDir(Path bundle, Scope scope) {
        return bundle.resolve("scopes").resolve(ScopeDirs.encode(scope.id()));
    }

    static Path part(Path bundle, Scope scope, int n) {
        return scopeDir(bundle, scope).resolve(String.format("part-%05d.ndjson.gz", n));
    }

    static List<String> lines(Path gz) throws IOException {
        try (BufferedReader r = new BufferedReader(
                new InputStreamReader(new GZIPInputStream(Files.newInputStream(gz)), StandardCharsets.UTF_8))) {
            return r.lines().toList();
        }
    }

    static void writeLines(Path gz, List<String> lines) throws IOException {
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            for (String line : lines) {
                out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    /** Every file under the directory with its content, to compare trees. */
    static TreeMap<String, String> tree(Path dir) throws IOException {
        TreeMap<String, String> out = new TreeMap<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.toList()) {
                String name = dir.relativize(f).toString().replace('\\', '/');
                out.put(
                        name,
                        Files.isDirectory(f)
                                ? "<dir>"
                                : java.util.HexFormat.of().formatHex(Files.readAllBytes(f)));
            }
        }
        return out;
    }

    /** Asserts a FAILED error whose message matches the regex, and returns it. */
    static LandfallException assertFailed(String regex, org.junit.jupiter.api.function.Executable action) {
        LandfallException e = assertThrows(LandfallException.class, action);
        assertEquals(ErrorKind.FAILED, e.kind(), e.getMessage());
        assertTrue(
                java.util.regex.Pattern.compile(regex).matcher(e.getMessage()).find(),
                "message '" + e.getMessage() + "' should match " + regex);
        assertTrue(e.hint().isPresent(), "a hint is given");
        return e;
    }
}
