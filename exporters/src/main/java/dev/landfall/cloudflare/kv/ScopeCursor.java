package dev.landfall.cloudflare.kv;

import dev.landfall.core.model.Key;
import dev.landfall.core.model.KvNamespace;
import dev.landfall.core.model.Scope;
import dev.landfall.core.spi.Checkpoint;
import dev.landfall.core.spi.Cursor;
import java.util.List;

/** The selected namespaces, already resolved; a checkpoint is the last scope's id. */
final class ScopeCursor implements Cursor<Scope> {
    private final List<KvNamespace> scopes;
    private int next;
    private Scope current;

    ScopeCursor(List<KvNamespace> scopes) {
        this.scopes = List.copyOf(scopes);
    }

    @Override
    public boolean next() {
        if (next >= scopes.size()) {
            current = null;
            return false;
        }
        current = scopes.get(next++);
        return true;
    }

    @Override
    public Scope current() {
        if (current == null) {
            throw new IllegalStateException("no current scope: call next() first and check that it returned true");
        }
        return current;
    }

    @Override
    public Checkpoint checkpoint() {
        return next == 0
                ? Checkpoint.START
                : Checkpoint.after(Key.of(scopes.get(next - 1).id()));
    }

    @Override
    public void close() {
        next = scopes.size();
        current = null;
    }
}
