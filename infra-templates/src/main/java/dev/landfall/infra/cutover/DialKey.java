package dev.landfall.infra.cutover;

import dev.landfall.core.error.LandfallException;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The KV key the edge-split Worker reads its dial from, as the Cloudflare API exposes it. The CLI
 * backs it with the Cloudflare client; tests with the sandbox.
 *
 * <p>KV has no compare-and-set: one writer at a time (the cutover's steps, or the migration's
 * switch, not both at once), since each change reads the key, changes its part and writes it all.
 */
public interface DialKey {
    /** Where the key lives, for messages: {@code key landfall-cutover in kv namespace N}. */
    String describe();

    /** The key's value, empty when it was never written. */
    Optional<byte[]> read();

    /** Replaces the key's value. */
    void write(byte[] value);

    /**
     * The dial the Worker reads now; {@link DialValue#EMPTY} when the key was never written.
     *
     * @throws LandfallException FAILED when the key holds no dial the Worker can read
     */
    default DialValue dial() {
        Optional<byte[]> value = read();
        if (value.isEmpty()) {
            return DialValue.EMPTY;
        }
        try {
            return DialValue.parse(value.get());
        } catch (IllegalArgumentException e) {
            throw LandfallException.failed(
                    describe() + " does not hold a dial the Worker can read (" + e.getMessage()
                            + "); the Worker treats it as 0%",
                    "set it with `landfall cutover` rather than by hand");
        }
    }

    /**
     * Changes the dial, keeping what {@code change} does not touch: reads the key (missing or
     * unreadable counts as {@link DialValue#EMPTY}, as for the Worker), writes the changed value and
     * reads it back. The Worker sees it within {@link EdgeSplit#PROPAGATION}.
     *
     * @return the value written
     * @throws LandfallException FAILED when it reads back differently
     */
    default DialValue change(UnaryOperator<DialValue> change) {
        DialValue next = change.apply(DialValue.orEmpty(read()));
        replace(next);
        return next;
    }

    /**
     * Writes {@code value} and reads it back.
     *
     * @throws LandfallException FAILED when it reads back differently (someone else writes the key)
     */
    default void replace(DialValue value) {
        byte[] bytes = value.toJson();
        write(bytes);
        Optional<byte[]> back = read();
        if (back.isEmpty() || !Arrays.equals(back.get(), bytes)) {
            throw LandfallException.failed(
                    describe() + " reads back differently after being set to " + value,
                    "someone else may be writing the key; check it, then rerun with --resume");
        }
    }
}
