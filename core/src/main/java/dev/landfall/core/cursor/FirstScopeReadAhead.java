package dev.landfall.core.cursor;

import dev.landfall.core.model.Entry;
import dev.landfall.core.model.Scope;
import dev.landfall.core.spi.Checkpoint;
import dev.landfall.core.spi.Cursor;
import dev.landfall.core.spi.Source;
import java.io.IOException;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * A source whose first selected scope starts being read ahead ({@link PrefetchingCursor}) as soon
 * as it is made, so that decoding it overlaps with what comes before the copy asks for it: opening
 * the store (connecting, checking its tables) takes a good part of a second, and the read-ahead
 * warms the decoder up meanwhile. The first request for that scope from the top gets the cursor
 * already running; every other request goes to the source. The source itself is neither owned nor
 * closed; {@link #close()} stops a read-ahead nobody took.
 */
public final class FirstScopeReadAhead implements Source {
    private final Source source;
    private Scope first;
    private PrefetchingCursor ahead;

    /** Starts reading the first scope the selection accepts, if any, on a thread of its own. */
    public FirstScopeReadAhead(Source source, Predicate<Scope> selected) throws IOException {
        this.source = Objects.requireNonNull(source, "source");
        try (Cursor<Scope> scopes = source.scopes()) {
            while (scopes.next()) {
                if (selected.test(scopes.current())) {
                    first = scopes.current();
                    break;
                }
            }
        }
        if (first != null) {
            ahead = new PrefetchingCursor(source.entries(first, Checkpoint.START));
        }
    }

    @Override
    public String describe() {
        return source.describe();
    }

    @Override
    public Cursor<Scope> scopes() throws IOException {
        return source.scopes();
    }

    /** The read-ahead cursor for the first scope from the top, once; otherwise the source's. */
    @Override
    public Cursor<Entry> entries(Scope scope, Checkpoint after) throws IOException {
        PrefetchingCursor running = ahead;
        if (running != null && after.isStart() && scope.id().equals(first.id())) {
            ahead = null;
            return running;
        }
        return source.entries(scope, after);
    }

    /** Stops the read-ahead if nobody took it. Idempotent. */
    @Override
    public void close() throws IOException {
        PrefetchingCursor running = ahead;
        ahead = null;
        if (running != null) {
            running.close();
        }
    }
}
