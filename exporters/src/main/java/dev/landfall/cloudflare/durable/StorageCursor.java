package dev.landfall.cloudflare.durable;

import dev.landfall.cloudflare.worker.EntryPage;
import dev.landfall.cloudflare.worker.ExportWorkerClient;
import dev.landfall.cloudflare.worker.ExportedEntry;
import dev.landfall.core.cursor.AbstractCursor;
import dev.landfall.core.model.DurableObject;
import dev.landfall.core.model.Entry;
import dev.landfall.core.model.Key;
import dev.landfall.core.spi.Checkpoint;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.Iterator;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * One object's storage, page by page through the Worker, in key order. The checkpoint is the last
 * key: paging restarts after any key, so resuming needs nothing else. Values the Worker could not
 * encode go to {@code unencodable} and are skipped.
 */
final class StorageCursor extends AbstractCursor<Entry> {
    private final ExportWorkerClient worker;
    private final String binding;
    private final DurableObject scope;
    private final int pageSize;
    private final Consumer<UnencodableKey> unencodable;
    private CompletableFuture<EntryPage> firstPage;
    private Iterator<ExportedEntry> page;
    private Optional<String> next;
    private boolean ended;

    StorageCursor(
            ExportWorkerClient worker,
            String binding,
            DurableObject scope,
            Checkpoint after,
            int pageSize,
            CompletableFuture<EntryPage> prefetched,
            Consumer<UnencodableKey> unencodable) {
        super(after);
        this.worker = worker;
        this.binding = binding;
        this.scope = scope;
        this.pageSize = pageSize;
        this.unencodable = unencodable;
        this.firstPage = prefetched;
        this.next = after.last().map(Key::text);
    }

    @Override
    public boolean next() throws IOException {
        while (true) {
            if (isClosed()) {
                return end();
            }
            if (page != null && page.hasNext()) {
                ExportedEntry e = page.next();
                if (e.error().isPresent()) {
                    unencodable.accept(
                            new UnencodableKey(scope, e.key(), e.error().get()));
                    continue;
                }
                Key key = Key.of(e.key());
                return deliver(new Entry(scope, key, e.value(), null, null), Checkpoint.after(key));
            }
            if (ended) {
                return end();
            }
            EntryPage p = fetch();
            page = p.entries().iterator();
            next = p.next();
            ended = p.next().isEmpty();
        }
    }

    private EntryPage fetch() throws IOException {
        if (firstPage != null) {
            CompletableFuture<EntryPage> f = firstPage;
            firstPage = null;
            if (!f.isCancelled()) {
                try {
                    return Prefetch.join(f);
                } catch (InterruptedIOException e) {
                    if (!f.isCancelled() || Thread.currentThread().isInterrupted()) {
                        throw e;
                    }
                    // The source dropped a read it took for unused: read the page now instead.
                }
            }
        }
        return worker.entries(binding, scope.objectId(), next, pageSize);
    }

    @Override
    protected void onClose() {
        CompletableFuture<EntryPage> f = firstPage;
        if (f != null) {
            f.cancel(true);
        }
    }
}
