package dev.landfall.cloudflare.store;

import dev.landfall.cloudflare.api.KvNamespaceInfo;
import dev.landfall.core.model.KvNamespace;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Which namespace of the account a source namespace is written into: the one the URI names
 * (matched by id, then by title), else the one with the source's id (the same account), else the
 * one with the source's title (another account, or a namespace made again).
 */
final class NamespaceMap {
    private final KvStoreTarget target;

    NamespaceMap(KvStoreTarget target) {
        this.target = Objects.requireNonNull(target, "target");
    }

    /** The account's namespace for {@code source}, empty when there is none yet. */
    Optional<KvNamespace> find(KvNamespace source, List<KvNamespaceInfo> account) {
        if (target.namespace().isPresent()) {
            return byIdOrTitle(target.namespace().get(), account);
        }
        Optional<KvNamespace> byId = byId(source.namespaceId(), account);
        return byId.isPresent() ? byId : byTitle(source.title(), account);
    }

    /**
     * The name of the target for {@code source}, for messages, and the title a namespace made for
     * it gets: the URI's name, else the source's title.
     */
    String titleFor(KvNamespace source) {
        return target.namespace().orElse(source.title());
    }

    private static Optional<KvNamespace> byIdOrTitle(String name, List<KvNamespaceInfo> account) {
        Optional<KvNamespace> byId = byId(name, account);
        return byId.isPresent() ? byId : byTitle(name, account);
    }

    private static Optional<KvNamespace> byId(String id, List<KvNamespaceInfo> account) {
        return account.stream().filter(n -> n.id().equals(id)).findFirst().map(KvNamespaceInfo::toScope);
    }

    private static Optional<KvNamespace> byTitle(String title, List<KvNamespaceInfo> account) {
        return account.stream().filter(n -> n.title().equals(title)).findFirst().map(KvNamespaceInfo::toScope);
    }
}
