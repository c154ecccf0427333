package dev.landfall.cloudflare.store;

import dev.landfall.core.error.LandfallException;
import dev.landfall.core.spi.StoreUri;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;

/**
 * Where {@code --to cloudflare://ACCOUNT[?namespace=NAME][&create=true]} writes: the account, the
 * one namespace every source namespace goes into (by id or title; absent: each source namespace
 * goes into the account's namespace with its id, else its title), and whether a missing namespace
 * may be created. Query values are percent-decoded ({@code +} is a space, {@code %2B} a plus).
 *
 * @param account the URI without its query, {@code cloudflare://ACCOUNT} (for {@link
 *     dev.landfall.cloudflare.api.CloudflareAccess})
 * @param namespace the target namespace's id or title, if one was named
 * @param create whether a missing namespace is created
 */
public record KvStoreTarget(String account, Optional<String> namespace, boolean create) {
    private static final String FORM = "cloudflare://ACCOUNT_ID[?namespace=NAME][&create=true]";

    public KvStoreTarget {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(namespace, "namespace");
    }

    /**
     * Reads the URI.
     *
     * @throws LandfallException USAGE for an unknown parameter, one given twice, an empty
     *     namespace or a {@code create} that is not true or false
     */
    public static KvStoreTarget parse(StoreUri uri) {
        String text = uri.unmasked();
        int q = text.indexOf('?');
        String account = q < 0 ? text : text.substring(0, q);
        String namespace = null;
        Boolean create = null;
        if (q >= 0 && q + 1 < text.length()) {
            for (String pair : text.substring(q + 1).split("&", -1)) {
                int eq = pair.indexOf('=');
                String name = eq < 0 ? pair : pair.substring(0, eq);
                String value = eq < 0 ? "" : decode(uri, pair.substring(eq + 1));
                switch (name) {
                    case "namespace" -> {
                        if (namespace != null) {
                            throw bad(uri, "names 'namespace' twice", "give one namespace per run");
                        }
                        if (value.isBlank()) {
                            throw bad(uri, "has an empty namespace", "write namespace=TITLE or namespace=ID");
                        }
                        namespace = value;
                    }
                    case "create" -> {
                        if (create != null) {
                            throw bad(uri, "names 'create' twice", "write create=true once");
                        }
                        if (!value.equals("true") && !value.equals("false")) {
                            throw bad(uri, "has create=" + value, "write create=true or create=false");
                        }
                        create = value.equals("true");
                    }
                    default ->
                        throw bad(
                                uri, "has the unknown parameter '" + name + "'", "write " + FORM + " (docs/stores.md)");
                }
            }
        }
        return new KvStoreTarget(account, Optional.ofNullable(namespace), create != null && create);
    }

    private static String decode(StoreUri uri, String value) {
        try {
            return URLDecoder.decode(value, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw bad(uri, "has a parameter that is not percent-encoded right: '" + value + "'", "encode % as %25");
        }
    }

    private static LandfallException bad(StoreUri uri, String problem, String hint) {
        return LandfallException.usage("--to " + uri + " " + problem, hint);
    }
}
