package dev.landfall.store.postgres;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Whether a store holds its writes ({@link PostgresStore#holdWrites()}), and which of its sessions
 * hold an open transaction: every writer connection keeps the one it began across flushes, until
 * the store commits them all. Shared by the sessions of one store, which join from writer threads.
 */
final class HeldTransactions {
    private final Set<PostgresSession> open = ConcurrentHashMap.newKeySet();
    private volatile boolean holding;

    boolean holding() {
        return holding;
    }

    void start() {
        if (holding) {
            throw new IllegalStateException("the store already holds its writes");
        }
        holding = true;
    }

    /** The session began its held transaction. */
    void joined(PostgresSession session) {
        open.add(session);
    }

    /**
     * Commits every held transaction, one after another, and stops holding. The commits of several
     * connections are not one: a crash between two leaves some in, each whole, which is why only
     * a checked copy asks for this.
     */
    void commitAll() {
        try {
            for (PostgresSession s : open) {
                s.commitHeld();
            }
        } finally {
            open.clear();
            holding = false;
        }
    }
}
