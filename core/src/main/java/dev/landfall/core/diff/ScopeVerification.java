package dev.landfall.core.diff;

import dev.landfall.core.digest.ScopeDigest;
import dev.landfall.core.model.Scope;
import java.util.List;
import java.util.Objects;

/**
 * How one scope of the store compares with the source.
 *
 * @param scope the scope
 * @param source the digest of the source's unexpired entries
 * @param store the digest of the store's unexpired entries
 * @param expiredInSource source entries left out because they had expired
 * @param expiredInStore store entries left out because they had expired
 * @param differingBuckets buckets whose digests differ (empty when equal)
 * @param differences how many keys differ (0 when equal)
 * @param shown the first differing keys, in key order, as create (missing in the store), update
 *     (different) or delete (only in the store)
 */
public record ScopeVerification(
        Scope scope,
        ScopeDigest source,
        ScopeDigest store,
        long expiredInSource,
        long expiredInStore,
        List<Integer> differingBuckets,
        long differences,
        List<KeyDetail> shown) {
    public ScopeVerification {
        Objects.requireNonNull(scope, "scope");
        differingBuckets = List.copyOf(differingBuckets);
        shown = List.copyOf(shown);
    }

    /** Whether the store holds exactly the source's entries. */
    public boolean equal() {
        return source.equals(store);
    }
}
