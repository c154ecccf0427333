package dev.landfall.core.diff;

import dev.landfall.core.spi.WriteMode;
import java.util.Objects;

/**
 * Decides what a write mode does with each key of a merge-join, and counts it. Plan and import
 * share it, so a plan always predicts exactly what the import of the same data does.
 */
public final class ChangeTally {
    /** What the sink is asked to do with one key. */
    public enum Action {
        PUT,
        DELETE,
        NONE
    }

    private final WriteMode mode;
    private long created;
    private long updated;
    private long deleted;
    private long unchanged;
    private long kept;
    private long storeOnly;
    private long valueBytes;

    public ChangeTally(WriteMode mode) {
        this.mode = Objects.requireNonNull(mode, "mode");
    }

    /** Counts the change and says what to write for it under this tally's mode. */
    public Action take(KeyChange change) {
        boolean alters = alters(change);
        switch (change.kind()) {
            case CREATE -> created++;
            case UPDATE -> {
                if (alters) {
                    updated++;
                } else {
                    kept++;
                }
            }
            case DELETE -> {
                if (alters) {
                    deleted++;
                } else {
                    storeOnly++;
                }
            }
            case UNCHANGED -> unchanged++;
        }
        if (!alters) {
            return Action.NONE;
        }
        if (change.kind() == ChangeKind.DELETE) {
            return Action.DELETE;
        }
        valueBytes += change.after().value().length;
        return Action.PUT;
    }

    /** Whether the change would alter the store under this mode. */
    public boolean alters(KeyChange change) {
        return switch (change.kind()) {
            case CREATE -> true;
            case UPDATE -> mode != WriteMode.CREATE_ONLY;
            case DELETE -> mode == WriteMode.MIRROR;
            case UNCHANGED -> false;
        };
    }

    /** The counts so far, with the source's expired keys. */
    public ChangeCounts counts(long expiredSkipped) {
        return new ChangeCounts(created, updated, deleted, unchanged, kept, storeOnly, expiredSkipped, valueBytes);
    }
}
