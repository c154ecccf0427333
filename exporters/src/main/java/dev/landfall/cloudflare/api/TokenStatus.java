package dev.landfall.cloudflare.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;
import java.util.Optional;

/**
 * What token verification says about the token (cloudflare-api.md §1.3).
 *
 * @param id the token's id (not the secret)
 * @param status {@code active}, {@code disabled} or {@code expired}
 * @param expiresOn when it expires (RFC 3339), or null
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TokenStatus(
        @JsonProperty("id") String id,
        @JsonProperty("status") String status,
        @JsonProperty("expires_on") String expiresOn) {
    public TokenStatus {
        Objects.requireNonNull(status, "status");
        id = id == null ? "" : id;
    }

    /** Whether the token may be used. */
    public boolean active() {
        return status.equals("active");
    }

    /** When the token expires, if it does. */
    public Optional<String> expires() {
        return Optional.ofNullable(expiresOn);
    }
}
