package dev.landfall.cloudflare.kv;

/**
 * What a {@link KvRestSource} has seen of one namespace in this run (all cursors over it added up).
 * Keys that are listed but not delivered are counted here, never silently lost.
 *
 * @param listed keys listed (after skipping those before a resume point)
 * @param emitted entries delivered
 * @param expired keys skipped because their expiration had passed (by the client's clock)
 * @param vanished keys listed but gone when their value was read ({@code null} in bulk get, 404)
 * @param listCalls key list requests
 * @param bulkGets bulk get requests (including those of split batches)
 * @param singleReads single value reads: values bulk get cannot return exactly (binary text, a
 *     batch too large or refused)
 */
public record KvScopeCounters(
        long listed, long emitted, long expired, long vanished, long listCalls, long bulkGets, long singleReads) {
    /** Nothing seen yet. */
    public static final KvScopeCounters ZERO = new KvScopeCounters(0, 0, 0, 0, 0, 0, 0);
}
