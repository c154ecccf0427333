package dev.landfall.core.model;

import dev.landfall.core.text.VisibleText;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A Workers KV namespace.
 *
 * @param namespaceId Cloudflare's namespace id (32 hex characters in a real account)
 * @param title the namespace title, as shown in the dashboard
 */
public record KvNamespace(String namespaceId, String title) implements Scope {
    public KvNamespace {
        Objects.requireNonNull(namespaceId, "namespaceId");
        Objects.requireNonNull(title, "title");
    }

    @Override
    public String id() {
        return "kv:" + namespaceId;
    }

    @Override
    public String describe() {
        return "kv namespace " + VisibleText.of(title) + " (" + VisibleText.of(namespaceId) + ")";
    }

    @Override
    public List<Map.Entry<String, String>> fields() {
        return List.of(Map.entry("kind", "kv"), Map.entry("namespaceId", namespaceId), Map.entry("title", title));
    }
}
