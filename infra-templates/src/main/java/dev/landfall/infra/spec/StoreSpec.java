package dev.landfall.infra.spec;

import java.util.Objects;
import java.util.Optional;

/**
 * The store a region's service reads: a plain endpoint without credentials, or a secret holding
 * the full connection URL. Exactly one of the two is present.
 *
 * @param kind {@code postgres} or {@code redis}
 * @param endpoint {@code host:port} or a URL without a password
 * @param secretArn secret whose value is the connection URL
 */
public record StoreSpec(String kind, Optional<String> endpoint, Optional<SecretArn> secretArn) {
    public StoreSpec {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(secretArn, "secretArn");
        if (endpoint.isPresent() == secretArn.isPresent()) {
            throw new IllegalArgumentException("exactly one of endpoint and secretArn");
        }
    }
}
