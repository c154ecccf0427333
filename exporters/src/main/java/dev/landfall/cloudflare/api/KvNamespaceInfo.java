package dev.landfall.cloudflare.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.landfall.core.model.KvNamespace;
import java.util.Objects;

/**
 * One KV namespace as the namespace list describes it (cloudflare-api.md §2.2).
 *
 * @param id the namespace id
 * @param title its title
 * @param supportsUrlEncoding whether the server URL-decodes keys in paths; {@code true} when the
 *     field is absent, as for every current namespace
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record KvNamespaceInfo(
        @JsonProperty("id") String id,
        @JsonProperty("title") String title,
        @JsonProperty("supports_url_encoding") Boolean supportsUrlEncoding) {
    public KvNamespaceInfo {
        Objects.requireNonNull(id, "id");
        title = title == null ? "" : title;
        supportsUrlEncoding = supportsUrlEncoding == null || supportsUrlEncoding;
    }

    /** The scope of the entry model. */
    public KvNamespace toScope() {
        return new KvNamespace(id, title);
    }
}
