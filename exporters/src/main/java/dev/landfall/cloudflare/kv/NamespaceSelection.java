package dev.landfall.cloudflare.kv;

import dev.landfall.cloudflare.api.KvNamespaceInfo;
import dev.landfall.core.error.LandfallException;
import dev.landfall.core.model.KvNamespace;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Picks namespaces by id or title ({@code --kv}, repeatable; none means all), in a stable order:
 * by title, then id. An id wins over a title that happens to spell another namespace's id.
 */
final class NamespaceSelection {
    private static final int LISTED_IN_MESSAGE = 20;

    private NamespaceSelection() {}

    /**
     * @throws LandfallException {@code REJECTED} naming every wanted name that matches nothing and
     *     listing the namespaces that exist
     */
    static List<KvNamespace> resolve(List<KvNamespaceInfo> available, List<String> wanted, String account) {
        Map<String, KvNamespace> picked = new LinkedHashMap<>();
        List<String> unknown = new ArrayList<>();
        if (wanted.isEmpty()) {
            available.forEach(ns -> picked.put(ns.id(), ns.toScope()));
        }
        for (String w : wanted) {
            KvNamespaceInfo match = available.stream()
                    .filter(ns -> ns.id().equals(w))
                    .findFirst()
                    .or(() -> available.stream()
                            .filter(ns -> ns.title().equals(w))
                            .findFirst())
                    .orElse(null);
            if (match == null) {
                unknown.add(w);
            } else {
                picked.putIfAbsent(match.id(), match.toScope());
            }
        }
        if (!unknown.isEmpty()) {
            throw LandfallException.rejected(
                    (unknown.size() == 1 ? "no kv namespace " : "no kv namespaces ")
                            + unknown.stream().map(u -> "'" + u + "'").collect(Collectors.joining(", "))
                            + " in account " + account + "; " + existing(available),
                    "pass --kv the id or title of one of the account's namespaces");
        }
        List<KvNamespace> out = new ArrayList<>(picked.values());
        out.sort(Comparator.comparing(KvNamespace::title).thenComparing(KvNamespace::namespaceId));
        return out;
    }

    private static String existing(List<KvNamespaceInfo> available) {
        if (available.isEmpty()) {
            return "the account has no kv namespaces";
        }
        List<KvNamespaceInfo> sorted = new ArrayList<>(available);
        sorted.sort(Comparator.comparing(KvNamespaceInfo::title).thenComparing(KvNamespaceInfo::id));
        String shown = sorted.stream()
                .limit(LISTED_IN_MESSAGE)
                .map(ns -> ns.title() + " (" + ns.id() + ")")
                .collect(Collectors.joining(", "));
        int more = sorted.size() - LISTED_IN_MESSAGE;
        return "it has " + shown + (more > 0 ? " and " + more + " more" : "");
    }
}
