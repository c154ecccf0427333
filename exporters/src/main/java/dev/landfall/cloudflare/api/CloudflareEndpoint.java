package dev.landfall.cloudflare.api;

import dev.landfall.core.config.Secret;
import java.util.Objects;
import okhttp3.HttpUrl;

/**
 * Where and as whom the client talks to Cloudflare: wrangler's {@code CLOUDFLARE_API_BASE_URL},
 * {@code CLOUDFLARE_ACCOUNT_ID} and {@code CLOUDFLARE_API_TOKEN}. {@link #toString()} masks the
 * token.
 *
 * @param baseUrl the API root, {@link #DEFAULT_BASE_URL} unless pointed at a sandbox
 * @param accountId the account whose data is read
 * @param token the API token, sent only as {@code Authorization: Bearer}
 */
public record CloudflareEndpoint(String baseUrl, String accountId, Secret token) {
    /** Cloudflare's API root. */
    public static final String DEFAULT_BASE_URL = "https://api.cloudflare.com/client/v4";

    /**
     * @throws IllegalArgumentException when the base URL is not an http(s) URL or the account id
     *     is blank or contains a slash
     */
    public CloudflareEndpoint {
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(token, "token");
        if (HttpUrl.parse(baseUrl) == null) {
            throw new IllegalArgumentException("not an http(s) URL: '" + baseUrl + "'");
        }
        if (accountId.isBlank() || accountId.contains("/")) {
            throw new IllegalArgumentException("not an account id: '" + accountId + "'");
        }
    }

    /** An endpoint on Cloudflare's API root. */
    public static CloudflareEndpoint of(String accountId, Secret token) {
        return new CloudflareEndpoint(DEFAULT_BASE_URL, accountId, token);
    }

    @Override
    public String toString() {
        return "CloudflareEndpoint[baseUrl=" + baseUrl + ", accountId=" + accountId + ", token=" + token + "]";
    }
}
