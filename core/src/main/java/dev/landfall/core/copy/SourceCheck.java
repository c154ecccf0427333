package dev.landfall.core.copy;

import dev.landfall.core.error.LandfallException;
import dev.landfall.core.model.Entry;
import dev.landfall.core.model.KvLimits;
import dev.landfall.core.model.Scope;
import dev.landfall.core.report.Quoted;
import dev.landfall.core.spi.ApiMetered;
import dev.landfall.core.spi.CheckableInParallel;
import dev.landfall.core.spi.Checkpoint;
import dev.landfall.core.spi.Cursor;
import dev.landfall.core.spi.Source;
import java.io.IOException;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The first of an import's two passes over its source: every scope to be copied is read through
 * once, from the top, and checked, before the store is opened. A bundle checks each part's size and
 * SHA-256 and each scope's digest as it is read, so damage found only at the end of a part or a
 * scope still writes nothing; every KV entry is held to Workers KV's limits ({@link KvLimits}).
 * A source that can be read in independent shares ({@link CheckableInParallel}, a bundle's parts)
 * is checked on every core at once. Memory stays at one entry per thread.
 *
 * <p>A source that spends an API budget ({@link ApiMetered}) is not read twice: Cloudflare serves
 * only what its limits allow, and such a source is staged through a bundle before any import.
 */
public final class SourceCheck {
    private static final String NOTHING_WRITTEN = "nothing was written; ";

    /** The check is all decoding and hashing, before anything else runs: every core may take part. */
    private static final int THREADS = Runtime.getRuntime().availableProcessors();

    private final Source source;

    public SourceCheck(Source source) {
        this.source = Objects.requireNonNull(source, "source");
    }

    /**
     * Reads every scope the predicate accepts to its end.
     *
     * @throws LandfallException FAILED for damaged input (naming the file and line), USAGE for an
     *     entry over a Workers KV limit (naming the source, scope, key and limit)
     */
    public void readThrough(Predicate<Scope> scopes) throws IOException {
        Objects.requireNonNull(scopes, "scopes");
        if (source instanceof ApiMetered) {
            return;
        }
        try (Cursor<Scope> all = source.scopes()) {
            while (all.next()) {
                Scope scope = all.current();
                if (scopes.test(scope)) {
                    check(scope);
                }
            }
        } catch (LandfallException e) {
            throw nothingWritten(e);
        }
    }

    private void check(Scope scope) throws IOException {
        Consumer<Entry> limits = e -> checkLimits(scope, e);
        if (source instanceof CheckableInParallel parallel) {
            parallel.checkScope(scope, THREADS, parallel.refusesEntriesOverKvLimits() ? e -> {} : limits);
            return;
        }
        try (Cursor<Entry> entries = source.entries(scope, Checkpoint.START)) {
            while (entries.next()) {
                limits.accept(entries.current());
            }
        }
    }

    private void checkLimits(Scope scope, Entry e) {
        String problem = KvLimits.violation(e).orElse(null);
        if (problem != null) {
            throw LandfallException.usage(
                    source.describe() + ": key " + Quoted.of(e.key().text()) + " in " + scope.describe() + ": "
                            + problem,
                    "Workers KV would refuse it; fix or delete the key in " + source.describe()
                            + ", or leave the scope out with --kv");
        }
    }

    /**
     * The same failure of a source's check, its hint saying that the store was left as it was;
     * other kinds of failure are returned as they are.
     */
    public static LandfallException nothingWritten(LandfallException e) {
        String hint = NOTHING_WRITTEN + e.hint().orElse("fix the input and run the same command again");
        return switch (e.kind()) {
            case FAILED -> LandfallException.failed(e.getMessage(), hint, e);
            case USAGE -> LandfallException.usage(e.getMessage(), hint, e);
            default -> e;
        };
    }
}
