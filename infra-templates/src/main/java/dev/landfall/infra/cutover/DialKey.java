package dev.landfall.infra.cutover;

import java.util.Optional;

/**
 * The KV key the edge-split Worker reads its dial from, as the Cloudflare API exposes it. The CLI
 * backs it with the Cloudflare client; tests with the sandbox.
 */
public interface DialKey {
    /** Where the key lives, for messages: {@code key landfall-cutover in kv namespace N}. */
    String describe();

    /** The key's value, empty when it was never written. */
    Optional<byte[]> read();

    /** Replaces the key's value. */
    void write(byte[] value);
}
