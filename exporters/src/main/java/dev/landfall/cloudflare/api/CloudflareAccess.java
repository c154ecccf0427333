package dev.landfall.cloudflare.api;

import dev.landfall.core.config.Secret;
import dev.landfall.core.error.LandfallException;
import java.net.URI;
import java.util.Map;

/**
 * Resolves where and as whom to call Cloudflare, from {@code --from cloudflare://ACCOUNT_ID} and
 * wrangler's environment variables, before any request is made. Flags win over the environment.
 */
public final class CloudflareAccess {
    public static final String TOKEN = "CLOUDFLARE_API_TOKEN";
    public static final String ACCOUNT = "CLOUDFLARE_ACCOUNT_ID";
    public static final String BASE_URL = "CLOUDFLARE_API_BASE_URL";

    private CloudflareAccess() {}

    /**
     * @param from the {@code --from} value, or null for {@code cloudflare://}
     * @throws LandfallException USAGE naming the missing or malformed input
     */
    public static CloudflareEndpoint resolve(String from, Map<String, String> env) {
        String text = from == null ? "cloudflare://" : from;
        if (!text.startsWith("cloudflare:")) {
            throw LandfallException.usage(
                    "--from " + text + ": not a Cloudflare account",
                    "write --from cloudflare://ACCOUNT_ID, or leave it out to use " + ACCOUNT);
        }
        String account =
                text.substring("cloudflare:".length()).replaceFirst("^//", "").replaceFirst("/$", "");
        if (account.isEmpty()) {
            account = env.getOrDefault(ACCOUNT, "").trim();
        }
        if (account.isEmpty()) {
            throw LandfallException.usage(
                    "no Cloudflare account id: --from names none and " + ACCOUNT + " is not set",
                    "write --from cloudflare://ACCOUNT_ID or export " + ACCOUNT
                            + " (the dashboard shows it on the Workers overview)");
        }
        if (!account.matches("[0-9A-Za-z_-]{1,64}")) {
            throw LandfallException.usage(
                    "Cloudflare account id '" + account + "' is malformed", "an account id is 32 hex characters");
        }
        String token = env.getOrDefault(TOKEN, "").trim();
        if (token.isEmpty()) {
            throw LandfallException.usage(
                    TOKEN + " is not set",
                    "create an API token with Account > Workers KV Storage > Read (docs/export.md) and export "
                            + TOKEN);
        }
        String base = env.getOrDefault(BASE_URL, "").trim();
        if (base.isEmpty()) {
            base = CloudflareEndpoint.DEFAULT_BASE_URL;
        }
        checkUrl(base);
        return new CloudflareEndpoint(base, account, Secret.of(token));
    }

    private static void checkUrl(String base) {
        try {
            URI uri = URI.create(base);
            if (!("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) || uri.getHost() == null) {
                throw new IllegalArgumentException("not http(s)");
            }
        } catch (IllegalArgumentException e) {
            throw LandfallException.usage(
                    BASE_URL + " '" + base + "' is not an http(s) URL",
                    "unset it to use " + CloudflareEndpoint.DEFAULT_BASE_URL + ", or give the full API base URL");
        }
    }
}
