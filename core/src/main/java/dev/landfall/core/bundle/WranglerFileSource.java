package dev.landfall.core.bundle;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import dev.landfall.core.error.LandfallException;
import dev.landfall.core.io.JsonProblem;
import dev.landfall.core.model.Entry;
import dev.landfall.core.model.Key;
import dev.landfall.core.model.KvNamespace;
import dev.landfall.core.model.Scope;
import dev.landfall.core.spi.Checkpoint;
import dev.landfall.core.spi.Cursor;
import dev.landfall.core.spi.ScopeSelecting;
import dev.landfall.core.spi.Source;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Objects;

/**
 * The JSON array that {@code wrangler kv bulk put} takes ({@code wrangler:FILE.json}), as a source
 * of one KV namespace: items {@code {"key", "value", "base64", "expiration", "expiration_ttl",
 * "metadata"}}. Items may come in any order and a key may repeat (the last wins, as with wrangler);
 * the file is read once, sorted within a memory budget (spilling to temporary files beyond it),
 * and served in key order. {@code expiration_ttl} counts from when the file is read.
 */
public final class WranglerFileSource implements Source, ScopeSelecting {
    /** Bytes of entries held in memory while sorting before spilling to disk. */
    public static final long DEFAULT_SORT_BUDGET = 64L * 1024 * 1024;

    private final Path file;
    private final KvNamespace namespace;
    private final Clock clock;
    private final long sortBudget;
    private EntrySorter sorter;

    /**
     * @param file the JSON file
     * @param namespace the namespace its items belong to
     */
    public WranglerFileSource(Path file, KvNamespace namespace, Clock clock, long sortBudget) {
        this.file = Objects.requireNonNull(file, "file");
        this.namespace = Objects.requireNonNull(namespace, "namespace");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sortBudget = sortBudget;
    }

    @Override
    public String describe() {
        return "wrangler:" + file;
    }

    /** The one namespace this file fills. */
    public KvNamespace namespace() {
        return namespace;
    }

    /** Reads the whole file here already, so a bad file is reported before anything is written. */
    @Override
    public Cursor<Scope> scopes() throws IOException {
        if (sorter == null) {
            sorter = read();
        }
        return new ListCursor<>(List.of(namespace), s -> Key.of(s.id()));
    }

    @Override
    public Cursor<Entry> entries(Scope scope, Checkpoint after) throws IOException {
        if (!scope.equals(namespace)) {
            return new ListCursor<Entry>(List.of(), Entry::key);
        }
        if (sorter == null) {
            sorter = read();
        }
        return sorter.sorted(after);
    }

    private EntrySorter read() throws IOException {
        EntrySorter s = new EntrySorter(namespace, sortBudget, tempParent());
        long now = clock.instant().getEpochSecond();
        try (InputStream in = Files.newInputStream(file);
                JsonParser p = BundleJson.FACTORY.createParser(in)) {
            if (p.nextToken() != JsonToken.START_ARRAY) {
                throw bad(p.currentLocation(), "the file does not start with a JSON array '['", null);
            }
            JsonToken t;
            while ((t = p.nextToken()) == JsonToken.START_OBJECT) {
                s.add(EntryLines.read(p, namespace, now));
            }
            if (t != JsonToken.END_ARRAY) {
                throw bad(p.currentLocation(), "expected an item object or ']', found " + t, null);
            }
            if (p.nextToken() != null) {
                throw bad(p.currentLocation(), "unexpected content after the closing ']'", null);
            }
        } catch (NoSuchFileException e) {
            s.close();
            throw LandfallException.usage(
                    "wrangler:" + file + " does not exist", "give the path of a JSON file for 'wrangler kv bulk put'");
        } catch (JsonParseException | StreamConstraintsException e) {
            s.close();
            throw bad(e.getLocation(), JsonProblem.describe(e), e);
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
        return s;
    }

    private Path tempParent() {
        Path parent = file.toAbsolutePath().getParent();
        // Spill beside the file when possible: the temp directory may be a small tmpfs.
        return parent != null && Files.isWritable(parent) ? parent : Path.of(System.getProperty("java.io.tmpdir"));
    }

    private LandfallException bad(JsonLocation at, String what, Throwable cause) {
        String where = at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
        String hint = cause instanceof KvLimitBreach
                ? "Cloudflare would refuse this item too: shorten or remove it (the limits are in docs/import.md)"
                : "the file must be the JSON array 'wrangler kv bulk put' takes: "
                        + "[{\"key\":\"k\",\"value\":\"v\",\"base64\":false,\"expiration\":1900000000,\"metadata\":{}}]";
        return LandfallException.usage("wrangler:" + file + where + ": " + what, hint, cause);
    }

    @Override
    public void close() throws IOException {
        if (sorter != null) {
            sorter.close();
            sorter = null;
        }
    }
}
