package dev.landfall.core.spi;

import dev.landfall.core.model.Scope;
import java.io.Closeable;
import java.io.IOException;

/** Anything entries can be written into. Used from one thread; close is idempotent. */
public interface Sink extends Closeable {
    /** Opens a writer for one scope, creating the scope if it does not exist yet. */
    ScopeWriter open(Scope scope, WriteMode mode) throws IOException;
}
