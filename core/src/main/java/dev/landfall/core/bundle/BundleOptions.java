package dev.landfall.core.bundle;

import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

/**
 * How a {@link BundleStore} writes: what it records about the export and when it starts a new part
 * file. A part is sealed when it reaches {@code partMaxEntries} entries or {@code partMaxBytes}
 * uncompressed bytes, whichever comes first, and on every {@code flush()}.
 *
 * @param toolVersion the Landfall version recorded in the manifest
 * @param accountId the source Cloudflare account id, or null when unknown
 * @param clock where the manifest's creation time comes from
 * @param partMaxEntries entries per part before a new one starts (at least 1)
 * @param partMaxBytes uncompressed bytes per part before a new one starts (at least 1)
 */
public record BundleOptions(String toolVersion, String accountId, Clock clock, long partMaxEntries, long partMaxBytes) {
    /** Default entries per part. */
    public static final long DEFAULT_PART_MAX_ENTRIES = 100_000;
    /** Default uncompressed bytes per part: 64 MiB. */
    public static final long DEFAULT_PART_MAX_BYTES = 64L * 1024 * 1024;

    public BundleOptions {
        Objects.requireNonNull(toolVersion, "toolVersion");
        Objects.requireNonNull(clock, "clock");
        if (partMaxEntries < 1) {
            throw new IllegalArgumentException("partMaxEntries must be at least 1: " + partMaxEntries);
        }
        if (partMaxBytes < 1) {
            throw new IllegalArgumentException("partMaxBytes must be at least 1: " + partMaxBytes);
        }
    }

    /** The defaults: this build's version, no account id, the system clock, 100,000 entries / 64 MiB. */
    public static BundleOptions defaults() {
        return builder().build();
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** The source account id, if known. */
    public Optional<String> account() {
        return Optional.ofNullable(accountId);
    }

    /** The version of the running Landfall jar, or {@code "dev"} when not run from a built jar. */
    static String runningVersion() {
        String v = BundleOptions.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    /** Builds {@link BundleOptions}; setters are named after the properties. */
    public static final class Builder {
        private String toolVersion = runningVersion();
        private String accountId;
        private Clock clock = Clock.systemUTC();
        private long partMaxEntries = DEFAULT_PART_MAX_ENTRIES;
        private long partMaxBytes = DEFAULT_PART_MAX_BYTES;

        private Builder() {}

        public Builder toolVersion(String toolVersion) {
            this.toolVersion = toolVersion;
            return this;
        }

        public Builder accountId(String accountId) {
            this.accountId = accountId;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        public Builder partMaxEntries(long partMaxEntries) {
            this.partMaxEntries = partMaxEntries;
            return this;
        }

        public Builder partMaxBytes(long partMaxBytes) {
            this.partMaxBytes = partMaxBytes;
            return this;
        }

        public BundleOptions build() {
            return new BundleOptions(toolVersion, accountId, clock, partMaxEntries, partMaxBytes);
        }
    }
}
