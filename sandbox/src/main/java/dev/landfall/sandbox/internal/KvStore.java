package dev.landfall.sandbox.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The account's KV namespaces, by id; thread-safe. */
public final class KvStore {
    private final Map<String, KvNamespaceState> byId = new ConcurrentHashMap<>();
    private final List<String> creationOrder = new ArrayList<>();
    private final Ids ids;

    public KvStore(Ids ids) {
        this.ids = ids;
    }

    /**
     * Creates a namespace with a fresh id.
     *
     * @throws ApiError 400 when the title is taken
     */
    public synchronized KvNamespaceState create(String title) {
        if (byId.values().stream().anyMatch(n -> n.title().equals(title))) {
            throw ApiError.badRequest(
                    ApiError.NAMESPACE_TITLE_EXISTS, "a namespace with this account ID and title already exists");
        }
        KvNamespaceState ns = new KvNamespaceState(ids.hex32(), title);
        byId.put(ns.id(), ns);
        creationOrder.add(ns.id());
        return ns;
    }

    public Optional<KvNamespaceState> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** The namespace, or a 404 with code 10013 naming the operation. */
    public KvNamespaceState require(String id, String op) {
        return find(id).orElseThrow(() -> ApiError.namespaceNotFound(op));
    }

    public synchronized void rename(String id, String title) {
        KvNamespaceState ns = require(id, "rename namespace");
        if (byId.values().stream().anyMatch(n -> n != ns && n.title().equals(title))) {
            throw ApiError.badRequest(
                    ApiError.NAMESPACE_TITLE_EXISTS, "a namespace with this account ID and title already exists");
        }
        ns.rename(title);
    }

    public synchronized void delete(String id) {
        require(id, "remove namespace");
        byId.remove(id);
        creationOrder.remove(id);
    }

    /** All namespaces in creation order. */
    public synchronized List<KvNamespaceState> all() {
        List<KvNamespaceState> out = new ArrayList<>();
        for (String id : creationOrder) {
            out.add(byId.get(id));
        }
        return out;
    }

    /** All namespaces sorted by {@code order} (id or title), ascending or not. */
    public List<KvNamespaceState> sorted(String order, boolean ascending) {
        Comparator<KvNamespaceState> c = order.equals("title")
                ? Comparator.comparing(KvNamespaceState::title).thenComparing(KvNamespaceState::id)
                : Comparator.comparing(KvNamespaceState::id);
        List<KvNamespaceState> list = all();
        list.sort(ascending ? c : c.reversed());
        return list;
    }
}
