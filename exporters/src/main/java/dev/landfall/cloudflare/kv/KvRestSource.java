package dev.landfall.cloudflare.kv;

import dev.landfall.cloudflare.api.CloudflareClient;
import dev.landfall.core.cursor.ForwardingCursor;
import dev.landfall.core.error.LandfallException;
import dev.landfall.core.model.Entry;
import dev.landfall.core.model.KvNamespace;
import dev.landfall.core.model.Scope;
import dev.landfall.core.spi.Checkpoint;
import dev.landfall.core.spi.Cursor;
import dev.landfall.core.spi.Source;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Workers KV over the REST API as a {@link Source}: scopes are the selected namespaces, entries
 * are listed 1,000 keys a page and their values read with bulk get (100 keys a call, up to the
 * client's concurrency in flight), falling back to single reads for values bulk get cannot return
 * exactly. Metadata and expiration come from the listing; metadata is handed on as JavaScript
 * writes it ({@link dev.landfall.core.codec.JavaScriptJson}), the only form the export Worker can
 * see, so {@code --via rest} and {@code --via worker} give the same bytes.
 *
 * <p>Keys whose expiration has passed (by the client's clock) are skipped; keys that vanish between
 * listing and reading are skipped too. Both are counted per scope ({@link #counters}).
 *
 * <p>Checkpoints: each entry's {@link Cursor#checkpoint()} is a {@link KvListPosition} (last key,
 * the list cursor of its page, the prefix); {@link #entries} resumes from any of them.
 *
 * <p>Lifecycle: {@link #scopes()} resolves the selection (one namespace list request) and rejects
 * unknown names before any data moves; {@link #entries} starts reading ahead at once; {@link
 * #close()} is idempotent, may be called from any thread, and cancels every cursor's work. The
 * client is not closed: whoever made it closes it.
 */
public final class KvRestSource implements Source {
    private final CloudflareClient client;
    private final List<String> namespaces;
    private final String prefix;
    private final int listLimit;
    private final Map<String, ScopeCounters> counters = new ConcurrentHashMap<>();
    private final Set<KvEntryCursor> open = ConcurrentHashMap.newKeySet();
    private volatile List<KvNamespace> resolved;
    private volatile boolean closed;

    /**
     * @param client the API client (its options give the concurrency and the clock)
     * @param namespaces ids or titles to read; empty for every namespace of the account
     * @param prefix read only keys starting with it; {@code ""} or null for all
     */
    public KvRestSource(CloudflareClient client, List<String> namespaces, String prefix) {
        this(client, namespaces, prefix, CloudflareClient.MAX_LIST_LIMIT);
    }

    // visible for testing: smaller list pages make many checkpoints out of few keys
    KvRestSource(CloudflareClient client, List<String> namespaces, String prefix, int listLimit) {
        this.client = Objects.requireNonNull(client, "client");
        this.namespaces = List.copyOf(namespaces);
        this.prefix = prefix == null ? "" : prefix;
        if (listLimit < 10 || listLimit > CloudflareClient.MAX_LIST_LIMIT) {
            throw new IllegalArgumentException("listLimit must be 10.." + CloudflareClient.MAX_LIST_LIMIT);
        }
        this.listLimit = listLimit;
    }

    @Override
    public String describe() {
        return "Workers KV of " + client.describe() + (prefix.isEmpty() ? "" : ", keys starting with '" + prefix + "'");
    }

    /**
     * The selected namespaces, ordered by title then id.
     *
     * @throws LandfallException {@code REJECTED} when a wanted id or title is not in the account
     *     (the message lists those that are), or when the token may not list namespaces
     */
    @Override
    public Cursor<Scope> scopes() throws IOException {
        checkOpen();
        return new ScopeCursor(namespaces());
    }

    /** The selected namespaces (resolved once, on first use). */
    public List<KvNamespace> namespaces() throws IOException {
        List<KvNamespace> r = resolved;
        if (r == null) {
            r = NamespaceSelection.resolve(
                    client.listKvNamespaces(), namespaces, client.endpoint().accountId());
            resolved = r;
        }
        return r;
    }

    /**
     * The entries of a namespace in key order, after {@code after}.
     *
     * @param scope a {@link KvNamespace}
     * @param after {@link Checkpoint#START}, or a checkpoint this source made with the same prefix
     * @throws LandfallException {@code USAGE} when the checkpoint was made with another prefix
     */
    @Override
    public Cursor<Entry> entries(Scope scope, Checkpoint after) throws IOException {
        checkOpen();
        Objects.requireNonNull(after, "after");
        if (!(Objects.requireNonNull(scope, "scope") instanceof KvNamespace ns)) {
            throw new IllegalArgumentException("a Workers KV source holds only kv namespaces, not " + scope.describe());
        }
        KvListPosition position = KvListPosition.from(after);
        if (after.position().containsKey(KvListPosition.PREFIX)
                && !position.prefix().equals(prefix)) {
            throw LandfallException.usage(
                    "the checkpoint of " + ns.describe() + " was made with --prefix '" + position.prefix()
                            + "', this run uses '" + prefix + "'",
                    "resume with the same --prefix, or start again without --resume");
        }
        KvEntryCursor cursor = new KvEntryCursor(
                client,
                ns,
                prefix,
                listLimit,
                client.options().concurrency(),
                counters.computeIfAbsent(ns.namespaceId(), id -> new ScopeCounters()),
                after);
        open.add(cursor);
        // Forget the cursor once it is closed, so a long run does not hold every scope's.
        return new ForwardingCursor<>(cursor) {
            @Override
            public void close() {
                cursor.close();
                open.remove(cursor);
            }
        };
    }

    /** What this source has seen of {@code scope} so far; zeros before it is read. Thread-safe. */
    public KvScopeCounters counters(KvNamespace scope) {
        ScopeCounters c = counters.get(scope.namespaceId());
        return c == null ? KvScopeCounters.ZERO : c.snapshot();
    }

    /** Closes every open cursor, cancelling its requests; idempotent, from any thread. */
    @Override
    public void close() {
        closed = true;
        for (KvEntryCursor c : open) {
            c.close();
        }
        open.clear();
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the Workers KV source is closed");
        }
    }
}
