package dev.landfall.cloudflare.api;

import java.util.Objects;
import java.util.Optional;

/**
 * What a request is for, in the words errors use: {@code list keys of kv namespace X}, the token
 * permission it needs, and the namespace it touches.
 *
 * @param description what the request does, for messages ("list keys of kv namespace X")
 * @param permission the API token permission it needs, as the dashboard names it ("Workers KV
 *     Storage Read")
 * @param accountId the account it reads
 * @param namespaceId the KV namespace it reads, or null when it reads none
 */
public record ApiOperation(String description, String permission, String accountId, String namespaceId) {
    /** The permission of every KV read. */
    public static final String KV_READ = "Workers KV Storage Read";

    /** The permission of KV writes: the cutover's dial key, and Workers KV as a store (the way back). */
    public static final String KV_WRITE = "Workers KV Storage Edit";

    /** The permission of account-level reads (token verify needs none; listings of scripts need this). */
    public static final String ACCOUNT_READ = "Account Settings Read";

    /** The permission of Workers script and Durable Object listings. */
    public static final String SCRIPTS_READ = "Workers Scripts Read";

    public ApiOperation {
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(permission, "permission");
        Objects.requireNonNull(accountId, "accountId");
    }

    /** The KV namespace the request reads, if any. */
    public Optional<String> namespace() {
        return Optional.ofNullable(namespaceId);
    }
}
