package dev.landfall.cloudflare.kv;

import dev.landfall.core.cursor.AbstractCursor;
import dev.landfall.core.model.Key;
import dev.landfall.core.model.KvNamespace;
import dev.landfall.core.model.Scope;
import dev.landfall.core.spi.Checkpoint;
import java.util.List;

/** The selected namespaces, already resolved; a checkpoint is the last scope's id. */
public final class ScopeCursor extends AbstractCursor<Scope> {
    private final List<KvNamespace> scopes;
    private int next;

    public ScopeCursor(List<KvNamespace> scopes) {
        super(Checkpoint.START);
        this.scopes = List.copyOf(scopes);
    }

    @Override
    public boolean next() {
        if (isClosed() || next >= scopes.size()) {
            return end();
        }
        KvNamespace scope = scopes.get(next++);
        return deliver(scope, Checkpoint.after(Key.of(scope.id())));
    }
}
