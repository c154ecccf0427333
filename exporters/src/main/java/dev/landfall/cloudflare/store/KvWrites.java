package dev.landfall.cloudflare.store;

/**
 * What a Workers KV store has sent so far.
 *
 * @param requests bulk write and bulk delete requests (each counted once, whatever its retries)
 * @param pairs pairs sent in bulk writes, each time sent
 * @param deletes keys sent in bulk deletes
 * @param refused entries not written because Workers KV would refuse them
 */
public record KvWrites(long requests, long pairs, long deletes, long refused) {
    /** Nothing yet. */
    public static final KvWrites ZERO = new KvWrites(0, 0, 0, 0);

    KvWrites plus(KvWrites o) {
        return new KvWrites(requests + o.requests, pairs + o.pairs, deletes + o.deletes, refused + o.refused);
    }
}
