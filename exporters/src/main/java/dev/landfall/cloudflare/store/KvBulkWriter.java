package dev.landfall.cloudflare.store;

import dev.landfall.cloudflare.api.BulkWriteResult;
import dev.landfall.cloudflare.api.CloudflareClient;
import dev.landfall.core.error.LandfallException;
import dev.landfall.core.model.Entry;
import dev.landfall.core.model.Key;
import dev.landfall.core.model.KvLimits;
import dev.landfall.core.model.KvNamespace;
import dev.landfall.core.model.Scope;
import dev.landfall.core.spi.RefusedValue;
import dev.landfall.core.spi.ScopeWriter;
import dev.landfall.core.spi.WriteMode;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Writes one source scope into a Workers KV namespace. Puts and deletes are buffered; {@link
 * #flush()} sends the puts as bulk writes (each at most 10,000 pairs and 100 MB, so a large batch
 * becomes several requests), then the deletes as bulk deletes, sending again the keys Cloudflare
 * says it did not take. Each request is idempotent, so a flush that fails part way is simply sent
 * again by the rerun or resume: what reached Cloudflare is written again unchanged.
 *
 * <p>An entry whose expiration is less than 60 seconds (plus a margin for the request's way)
 * ahead is not sent: Cloudflare would refuse the whole request. It is reported to the refusal
 * listener by key, never dropped silently and never given another expiration; it expires on the
 * source side within the minute too.
 *
 * <p>Used from one thread; {@link #close()} drops what was not flushed.
 */
final class KvBulkWriter implements ScopeWriter {
    /** How often keys Cloudflare did not take are sent again within one flush. */
    static final int RESENDS = 3;

    /** Seconds added to Workers KV's 60 s minimum, for the time a request takes to arrive. */
    static final long EXPIRY_MARGIN_SECONDS = 15;

    private final KvBulkApi api;
    private final Scope source;
    private final KvNamespace target;
    private final WriteMode mode;
    private final Clock clock;
    private final Consumer<RefusedValue> refusals;
    private final Consumer<KvWrites> counts;
    private final BulkBatches puts;
    private final List<String> deletes = new ArrayList<>();
    private boolean closed;

    /**
     * @param source the scope entries come from, for refusals
     * @param target the namespace written
     * @param maxPairs pairs per bulk write request
     * @param maxBytes bytes per bulk write request body
     * @param refusals hears every entry not written
     * @param counts hears what each flush sent
     */
    KvBulkWriter(
            KvBulkApi api,
            Scope source,
            KvNamespace target,
            WriteMode mode,
            Clock clock,
            int maxPairs,
            long maxBytes,
            Consumer<RefusedValue> refusals,
            Consumer<KvWrites> counts) {
        this.api = Objects.requireNonNull(api, "api");
        this.source = Objects.requireNonNull(source, "source");
        this.target = Objects.requireNonNull(target, "target");
        this.mode = Objects.requireNonNull(mode, "mode");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.refusals = Objects.requireNonNull(refusals, "refusals");
        this.counts = Objects.requireNonNull(counts, "counts");
        this.puts = new BulkBatches(maxPairs, maxBytes);
    }

    /** A writer with Cloudflare's limits: 10,000 pairs and 100 MB a request. */
    static KvBulkWriter withCloudflareLimits(
            KvBulkApi api,
            Scope source,
            KvNamespace target,
            WriteMode mode,
            Clock clock,
            Consumer<RefusedValue> refusals,
            Consumer<KvWrites> counts) {
        return new KvBulkWriter(
                api,
                source,
                target,
                mode,
                clock,
                CloudflareClient.MAX_BULK_WRITE_ITEMS,
                CloudflareClient.MAX_BULK_WRITE_BYTES,
                refusals,
                counts);
    }

    @Override
    public void put(Entry entry) throws IOException {
        checkOpen();
        Long expiration = entry.expiration();
        long earliest = clock.instant().getEpochSecond() + KvLimits.MIN_TTL_SECONDS + EXPIRY_MARGIN_SECONDS;
        if (expiration != null && expiration < earliest) {
            counts.accept(new KvWrites(0, 0, 0, 1));
            refusals.accept(new RefusedValue(
                    source,
                    entry.key().text(),
                    "expires-too-soon",
                    Optional.empty(),
                    "expires at " + Instant.ofEpochSecond(expiration) + ", under " + KvLimits.MIN_TTL_SECONDS
                            + " s after it would be written into " + target.describe()
                            + ", which Workers KV refuses; not written (it expires in the source within the"
                            + " minute too)"));
            return;
        }
        puts.add(entry.key().text(), BulkItems.encode(entry));
    }

    @Override
    public void delete(Key key) {
        checkOpen();
        if (mode != WriteMode.MIRROR) {
            throw new IllegalStateException("delete needs --mode mirror, this writer is " + mode.flag());
        }
        deletes.add(key.text());
    }

    @Override
    public void flush() throws IOException {
        checkOpen();
        for (BulkBatches.Request r : puts.drain()) {
            write(r);
        }
        List<String> keys = List.copyOf(deletes);
        deletes.clear();
        for (int from = 0; from < keys.size(); from += CloudflareClient.MAX_BULK_WRITE_ITEMS) {
            delete(keys.subList(from, Math.min(keys.size(), from + CloudflareClient.MAX_BULK_WRITE_ITEMS)));
        }
    }

    private void write(BulkBatches.Request request) throws IOException {
        BulkBatches.Request r = request;
        for (int attempt = 0; attempt <= RESENDS; attempt++) {
            BulkWriteResult result = api.write(
                    target.namespaceId(), target.title(), r.body(), r.items().size());
            counts.accept(new KvWrites(1, r.items().size(), 0, 0));
            if (result.unsuccessful().isEmpty()) {
                return;
            }
            r = r.only(result.unsuccessful());
            if (r.items().isEmpty()) {
                return; // it named keys that were not sent: nothing of ours is left out
            }
        }
        throw notTaken(r.keys(), "written into");
    }

    private void delete(List<String> keys) throws IOException {
        List<String> left = keys;
        for (int attempt = 0; attempt <= RESENDS; attempt++) {
            BulkWriteResult result = api.delete(target.namespaceId(), target.title(), left);
            counts.accept(new KvWrites(1, 0, left.size(), 0));
            Set<String> sent = new HashSet<>(left);
            left = result.unsuccessful().stream().filter(sent::contains).toList();
            if (left.isEmpty()) {
                return;
            }
        }
        throw notTaken(left, "deleted from");
    }

    private LandfallException notTaken(List<String> keys, String doing) {
        return LandfallException.transientFailure(
                "Cloudflare did not take " + keys.size() + " key(s) " + doing + " " + target.describe() + " after "
                        + RESENDS + " resends (first: '" + keys.get(0) + "')",
                "run the same command again (migrate: --resume); what was written stays, and only what differs is"
                        + " sent again",
                null);
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the writer of " + target.describe() + " is closed");
        }
    }

    @Override
    public void close() {
        closed = true;
    }
}
