package dev.landfall.cloudflare.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;

/**
 * One Durable Object namespace as the namespace list describes it (cloudflare-api.md §3.1).
 *
 * @param id the namespace id
 * @param className the exported class ({@code class}); {@code ""} when absent
 * @param name Cloudflare's label; {@code ""} when absent
 * @param script the script that owns the class; {@code ""} when absent
 * @param useSqlite whether objects are SQLite-backed; null when the API does not say (2024 schema)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record DurableObjectNamespaceInfo(
        @JsonProperty("id") String id,
        @JsonProperty("class") String className,
        @JsonProperty("name") String name,
        @JsonProperty("script") String script,
        @JsonProperty("use_sqlite") Boolean useSqlite) {
    public DurableObjectNamespaceInfo {
        Objects.requireNonNull(id, "id");
        className = className == null ? "" : className;
        name = name == null ? "" : name;
        script = script == null ? "" : script;
    }

    /** Whether {@code --do NAMESPACE} names it: by id, name or class name. */
    public boolean matches(String selector) {
        return id.equals(selector) || name.equals(selector) || className.equals(selector);
    }

    /** Whether its objects are SQLite-backed; false when the API does not say. */
    public boolean sqliteBacked() {
        return Boolean.TRUE.equals(useSqlite);
    }
}
