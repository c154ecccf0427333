package dev.landfall.core.run;

import dev.landfall.core.cursor.AbstractCursor;
import dev.landfall.core.model.Entry;
import dev.landfall.core.model.Scope;
import dev.landfall.core.spi.AccountBound;
import dev.landfall.core.spi.ApiMetered;
import dev.landfall.core.spi.ApiUsage;
import dev.landfall.core.spi.Checkpoint;
import dev.landfall.core.spi.Cursor;
import dev.landfall.core.spi.ExpiryCounting;
import dev.landfall.core.spi.ExpiryCounts;
import dev.landfall.core.spi.RefusedValue;
import dev.landfall.core.spi.RefusingValues;
import dev.landfall.core.spi.ScopeSelecting;
import dev.landfall.core.spi.Source;
import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * A source that stands for a remote account in tests: it reads a memory store, counts one "request"
 * per scope list and per scope read, and has every optional ability an account source has: keys
 * that hold {@code refuse:} are refused, as values the export Worker cannot encode are.
 */
final class MeteredSource implements Source, ApiMetered, AccountBound, ExpiryCounting, RefusingValues, ScopeSelecting {
    static final AtomicLong REQUESTS = new AtomicLong();

    /** Keys that hold this are refused, as an unencodable Durable Object value is. */
    static final String REFUSED = "refuse:";

    private final Source inner;
    private Consumer<RefusedValue> refusals = v -> {};

    MeteredSource(Source inner) {
        this.inner = inner;
    }

    @Override
    public ApiUsage apiUsage() {
        return new ApiUsage(REQUESTS.get(), 0, 0);
    }

    @Override
    public String accountId() {
        return "acct0001";
    }

    @Override
    public ExpiryCounts expiryCounts(Scope scope) {
        return new ExpiryCounts(0, 1);
    }

    @Override
    public void onRefused(Consumer<RefusedValue> listener) {
        this.refusals = listener;
    }

    @Override
    public String describe() {
        return "metered " + inner.describe();
    }

    @Override
    public Cursor<Scope> scopes() throws IOException {
        REQUESTS.incrementAndGet();
        return inner.scopes();
    }

    @Override
    public Cursor<Entry> entries(Scope scope, Checkpoint after) throws IOException {
        REQUESTS.incrementAndGet();
        Cursor<Entry> all = inner.entries(scope, after);
        return new AbstractCursor<>(after) {
            @Override
            public boolean next() throws IOException {
                while (all.next()) {
                    Entry e = all.current();
                    if (!e.key().text().contains(REFUSED)) {
                        return deliver(e, all.checkpoint());
                    }
                    refusals.accept(new RefusedValue(scope, e.key().text(), "cycle", Optional.of("$.a"), "a cycle"));
                }
                return end();
            }

            @Override
            protected void onClose() throws IOException {
                all.close();
            }
        };
    }

    @Override
    public void close() throws IOException {
        inner.close();
    }
}
