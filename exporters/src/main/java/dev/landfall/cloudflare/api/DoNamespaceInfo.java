package dev.landfall.cloudflare.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;

/**
 * One Durable Object namespace as the namespace list describes it.
 *
 * @param id the namespace id
 * @param name its name ({@code script_Class})
 * @param className the class
 * @param script the script that defines the class
 * @param useSqlite whether its objects are SQLite-backed
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record DoNamespaceInfo(
        @JsonProperty("id") String id,
        @JsonProperty("name") String name,
        @JsonProperty("class") String className,
        @JsonProperty("script") String script,
        @JsonProperty("use_sqlite") Boolean useSqlite) {
    public DoNamespaceInfo {
        Objects.requireNonNull(id, "id");
        name = name == null ? "" : name;
        className = className == null ? "" : className;
        script = script == null ? "" : script;
        useSqlite = useSqlite != null && useSqlite;
    }

    /** Whether {@code --do NAMESPACE} names it: by id, name or class name. */
    public boolean matches(String selector) {
        return id.equals(selector) || name.equals(selector) || className.equals(selector);
    }
}
