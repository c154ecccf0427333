package dev.landfall.core.copy;

import dev.landfall.core.model.Entry;
import dev.landfall.core.model.Scope;
import dev.landfall.core.spi.Checkpoint;
import dev.landfall.core.spi.Cursor;
import dev.landfall.core.spi.Source;
import java.io.IOException;

/** A source whose entries cursor fails with an IOException at the given overall entry number. */
public final class CrashingSource implements Source {
    private final Source delegate;
    private final int crashAt;
    private int delivered;

    public CrashingSource(Source delegate, int crashAt) {
        this.delegate = delegate;
        this.crashAt = crashAt;
    }

    @Override
    public String describe() {
        return "crashing " + delegate.describe();
    }

    @Override
    public Cursor<Scope> scopes() throws IOException {
        return delegate.scopes();
    }

    @Override
    public Cursor<Entry> entries(Scope scope, Checkpoint after) throws IOException {
        Cursor<Entry> inner = delegate.entries(scope, after);
        return new Cursor<>() {
            @Override
            public boolean next() throws IOException {
                if (delivered++ == crashAt) {
                    throw new IOException("crash");
                }
                return inner.next();
            }

            @Override
            public Entry current() {
                return inner.current();
            }

            @Override
            public Checkpoint checkpoint() {
                return inner.checkpoint();
            }

            @Override
            public void close() throws IOException {
                inner.close();
            }
        };
    }

    @Override
    public void close() throws IOException {
        delegate.close();
    }
}
