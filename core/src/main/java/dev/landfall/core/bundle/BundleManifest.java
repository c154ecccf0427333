package dev.landfall.core.bundle;

import dev.landfall.core.digest.ScopeDigest;
import dev.landfall.core.model.Key;
import dev.landfall.core.model.Scope;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a bundle's {@code manifest.json} says: who wrote it, and for each scope its entries' count
 * and digest and the part files that hold them. The format is specified in {@code
 * docs/bundle-format.md}.
 *
 * @param formatVersion the bundle format version ({@value #FORMAT_VERSION})
 * @param toolVersion the Landfall version that wrote the bundle
 * @param accountId the Cloudflare account the data came from, or null when unknown
 * @param createdAt when the bundle was first written
 * @param scopes one record per scope, ordered by scope id in unsigned UTF-8 byte order
 */
public record BundleManifest(
        int formatVersion, String toolVersion, String accountId, Instant createdAt, List<ScopeRecord> scopes) {
    /** The only format version this code reads and writes. */
    public static final int FORMAT_VERSION = 1;

    public BundleManifest {
        Objects.requireNonNull(toolVersion, "toolVersion");
        Objects.requireNonNull(createdAt, "createdAt");
        scopes = List.copyOf(Objects.requireNonNull(scopes, "scopes"));
    }

    /** The source account id, if recorded. */
    public Optional<String> account() {
        return Optional.ofNullable(accountId);
    }

    /** The record of a scope, by scope id. */
    public Optional<ScopeRecord> scope(String scopeId) {
        return scopes.stream().filter(s -> s.scope().id().equals(scopeId)).findFirst();
    }

    /**
     * One scope in a bundle.
     *
     * @param scope the scope
     * @param generation increases each time the scope is rewritten (starts at 1)
     * @param count the number of entries
     * @param digest the digest of all entries
     * @param parts the part files, in key order; empty when the scope has no entries
     */
    public record ScopeRecord(Scope scope, long generation, long count, ScopeDigest digest, List<PartRecord> parts) {
        public ScopeRecord {
            Objects.requireNonNull(scope, "scope");
            Objects.requireNonNull(digest, "digest");
            parts = List.copyOf(Objects.requireNonNull(parts, "parts"));
        }
    }

    /**
     * One part file: gzip'd NDJSON, one entry a line, keys strictly increasing.
     *
     * @param file the path relative to the bundle directory, with {@code /} separators
     * @param count the number of lines (entries), at least 1
     * @param bytes the size of the (compressed) file
     * @param sha256 SHA-256 of the (compressed) file, 64 lower-case hex characters
     * @param firstKey the first key in the file
     * @param lastKey the last key in the file
     */
    public record PartRecord(String file, long count, long bytes, String sha256, Key firstKey, Key lastKey) {
        public PartRecord {
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(sha256, "sha256");
            Objects.requireNonNull(firstKey, "firstKey");
            Objects.requireNonNull(lastKey, "lastKey");
        }
    }
}
