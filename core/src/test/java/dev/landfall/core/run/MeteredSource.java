package dev.landfall.core.run;

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
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A source that stands for a remote account in tests: it reads a memory store, counts one "request"
 * per scope list and per scope read, and has every optional ability an account source has.
 */
final class MeteredSource implements Source, ApiMetered, AccountBound, ExpiryCounting, RefusingValues, ScopeSelecting {
    static final AtomicLong REQUESTS = new AtomicLong();

    private final Source inner;

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
    public List<RefusedValue> refused() {
        return List.of(new RefusedValue(
                new dev.landfall.core.model.DurableObject("ns", "obj"),
                "cyclic",
                "cycle",
                Optional.of("$.a"),
                "a cycle"));
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
        return inner.entries(scope, after);
    }

    @Override
    public void close() throws IOException {
        inner.close();
    }
}
