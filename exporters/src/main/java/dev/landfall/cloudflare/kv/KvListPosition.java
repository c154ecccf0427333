package dev.landfall.cloudflare.kv;

import dev.landfall.core.error.LandfallException;
import dev.landfall.core.model.Key;
import dev.landfall.core.spi.Checkpoint;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The typed view of a {@link KvRestSource} checkpoint (STYLE.md §3): the last key delivered, the
 * list cursor that fetched the page it came from ({@code ""} for the first page), and the prefix
 * the list ran with. Resuming lists again from {@code listCursor} and skips keys up to {@code
 * lastKey}, so any entry's checkpoint resumes exactly, at the cost of at most one list call.
 *
 * @param lastKey the last key delivered, or null before the first
 * @param listCursor the cursor of the page {@code lastKey} was listed in; {@code ""} for the first
 * @param prefix the key prefix of the listing; {@code ""} for all keys
 */
public record KvListPosition(Key lastKey, String listCursor, String prefix) {
    /** The position key of the list cursor. */
    public static final String LIST_CURSOR = "listCursor";

    /** The position key of the prefix. */
    public static final String PREFIX = "prefix";

    public KvListPosition {
        Objects.requireNonNull(listCursor, "listCursor");
        Objects.requireNonNull(prefix, "prefix");
    }

    /**
     * Reads a checkpoint; {@link Checkpoint#START} and positions without these fields read as
     * {@code ""}.
     *
     * @throws LandfallException {@code USAGE} when the position holds these fields with the wrong
     *     types (a checkpoint some other source made)
     */
    public static KvListPosition from(Checkpoint checkpoint) {
        Objects.requireNonNull(checkpoint, "checkpoint");
        Map<String, Object> p = checkpoint.position();
        return new KvListPosition(checkpoint.lastKey(), text(p, LIST_CURSOR), text(p, PREFIX));
    }

    /** The last key delivered, empty before the first. */
    public Optional<Key> last() {
        return Optional.ofNullable(lastKey);
    }

    /** The same page position just after {@code key}. */
    public KvListPosition after(Key key) {
        return new KvListPosition(Objects.requireNonNull(key, "key"), listCursor, prefix);
    }

    /** The checkpoint for the journal; {@link Checkpoint#START} for the very start of a full list. */
    public Checkpoint toCheckpoint() {
        if (lastKey == null && listCursor.isEmpty() && prefix.isEmpty()) {
            return Checkpoint.START;
        }
        return new Checkpoint(lastKey, Map.of(LIST_CURSOR, listCursor, PREFIX, prefix));
    }

    private static String text(Map<String, Object> position, String field) {
        Object v = position.get(field);
        if (v == null) {
            return "";
        }
        if (v instanceof String s) {
            return s;
        }
        throw LandfallException.usage(
                "the checkpoint's \"" + field + "\" is " + v + ", not the text a Workers KV export records",
                "resume from a bundle that a Workers KV export wrote, or start again without --resume");
    }
}
