package dev.landfall.core.run;

import dev.landfall.core.copy.CommitPolicy;
import dev.landfall.core.copy.Copier;
import dev.landfall.core.copy.CopyListener;
import dev.landfall.core.copy.CopyTotals;
import dev.landfall.core.copy.ScopeCopyResult;
import dev.landfall.core.copy.SourceCheck;
import dev.landfall.core.copy.WriteStrategy;
import dev.landfall.core.cursor.FirstScopeReadAhead;
import dev.landfall.core.error.ErrorKind;
import dev.landfall.core.error.LandfallException;
import dev.landfall.core.spi.CheckedAsRead;
import dev.landfall.core.spi.HoldingWrites;
import dev.landfall.core.spi.RefusedValue;
import dev.landfall.core.spi.RefusingValues;
import dev.landfall.core.spi.ScopeSelection;
import dev.landfall.core.spi.Source;
import dev.landfall.core.spi.SourceEnv;
import dev.landfall.core.spi.SourceRegistry;
import dev.landfall.core.spi.Store;
import dev.landfall.core.spi.StoreRegistry;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Brings a store in line with a source (a bundle, a wrangler file, another store), writing only
 * what changed: a second import of the same data writes nothing. The source is checked before
 * anything is written (its scopes listed, the selection matched, then every selected scope read
 * through once by {@link SourceCheck}: a bundle's checksums and digests, Workers KV's limits), so
 * bad input leaves no trace in the store. Every finished batch is in the store, none half-written;
 * running the same import again finishes an interrupted one.
 *
 * <p>A source {@link CheckedAsRead} (a bundle) copied into a store {@link HoldingWrites} (SQLite,
 * PostgreSQL) is checked while it is copied instead: the source is decoded once, on the copy's
 * read-ahead thread, while the store writes, and the store holds every write in open transactions
 * until the whole copy, and with it every check, has passed. A failed check rolls it all back.
 * The first selected scope starts being decoded before the store is opened, so that connecting
 * to it does not hold the decoder up.
 */
public final class Importer {
    private static final long BATCH_BYTES = 16L * 1024 * 1024;
    private static final String RERUN = "every finished batch is in the store and none is half-written; run the"
            + " same command again to finish (unchanged keys are skipped)";
    private static final String HELD_RERUN = "nothing was written; run the same command again";

    private final ImportOptions options;
    private final SourceEnv env;

    /** @param env the environment and the source options ({@code --kv}, {@code --do}) */
    public Importer(ImportOptions options, SourceEnv env) {
        this.options = Objects.requireNonNull(options, "options");
        this.env = Objects.requireNonNull(env, "env");
    }

    /** Runs the import; {@code listener} hears every scope, key and batch. */
    public ImportResult run(CopyListener listener) throws IOException {
        Instant started = env.clock().instant();
        List<ScopeCopyResult> scopes = new ArrayList<>();
        List<RefusedValue> notWritten = new ArrayList<>();
        CopyTotals totals;
        try (Source source = SourceRegistry.open("--from", options.from(), env)) {
            ScopeSelection selection = ScopeSelection.forSource(source, env.options());
            selection.checkAgainst(source);
            boolean checkWhileCopying =
                    source instanceof CheckedAsRead && StoreRegistry.holdsWrites("--to", options.to());
            if (!checkWhileCopying) {
                new SourceCheck(source).readThrough(selection);
            }
            FirstScopeReadAhead ahead = checkWhileCopying ? new FirstScopeReadAhead(source, selection) : null;
            try (Store store = StoreRegistry.open("--to", options.to(), env)) {
                if (store instanceof RefusingValues refusing) {
                    refusing.onRefused(notWritten::add);
                }
                if (checkWhileCopying && store instanceof HoldingWrites holding) {
                    totals = copyHeld(ahead, store, holding, selection, listener, scopes);
                } else {
                    if (ahead != null) {
                        ahead.close();
                    }
                    if (checkWhileCopying) {
                        // The provider promised a store that holds its writes: check first after all.
                        new SourceCheck(source).readThrough(selection);
                    }
                    totals = copy(source, store, selection, listener, scopes);
                }
            } finally {
                if (ahead != null) {
                    ahead.close();
                }
            }
        }
        return new ImportResult(
                totals, scopes, Duration.between(started, env.clock().instant()).toNanos() / 1e9, notWritten);
    }

    /**
     * Copies into a store that holds every write until the copy, and the source's check with it,
     * has passed. Any failure leaves the store as it was: the held transactions end with the store.
     */
    private CopyTotals copyHeld(
            Source source,
            Store store,
            HoldingWrites holding,
            ScopeSelection selection,
            CopyListener listener,
            List<ScopeCopyResult> scopes)
            throws IOException {
        try {
            holding.holdWrites();
            CopyTotals totals = copier(source, store, listener, scopes)
                    .onlyScopes(selection)
                    .copyAll();
            holding.commitHeld();
            return totals;
        } catch (LandfallException e) {
            throw e.kind() == ErrorKind.TRANSIENT
                    ? LandfallException.resumable(e, "import", HELD_RERUN)
                    : SourceCheck.nothingWritten(e);
        } catch (IOException e) {
            throw LandfallException.resumable(e, "import", HELD_RERUN);
        }
    }

    /**
     * Copies into the open store. Only a failure here gets the rerun hint: one while opening the
     * store wrote nothing, and keeps the store's own hint ("is the server running at …?").
     */
    private CopyTotals copy(
            Source source, Store store, ScopeSelection selection, CopyListener listener, List<ScopeCopyResult> scopes)
            throws IOException {
        try {
            return copier(source, store, listener, scopes).onlyScopes(selection).copyAll();
        } catch (LandfallException e) {
            // Only what a rerun can heal gets the rerun hint: corrupt input does not.
            throw e.kind() == ErrorKind.TRANSIENT ? LandfallException.resumable(e, "import", RERUN) : e;
        } catch (IOException e) {
            throw LandfallException.resumable(e, "import", RERUN);
        }
    }

    private Copier copier(Source source, Store store, CopyListener listener, List<ScopeCopyResult> scopes) {
        return new Copier(
                source,
                store,
                WriteStrategy.changesAgainst(store),
                options.mode(),
                new CommitPolicy(options.batch(), BATCH_BYTES),
                env.clock(),
                listener.then(new CopyListener() {
                    @Override
                    public void scopeFinished(ScopeCopyResult result) {
                        scopes.add(result);
                    }
                }));
    }
}
