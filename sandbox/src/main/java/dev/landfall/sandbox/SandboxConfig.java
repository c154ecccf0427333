package dev.landfall.sandbox;

import dev.landfall.core.error.LandfallException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * Everything a {@link SandboxServer} needs, validated when built. Immutable; built with {@link
 * #builder()}, changed with {@link #toBuilder()}.
 *
 * @param port the port on 127.0.0.1, 0 for a free one
 * @param token the bearer token the sandbox accepts (a secret to clients, not to the sandbox)
 * @param accountId the only account id the sandbox serves
 * @param rateLimit the per-token request budget
 * @param faults per-request fault probabilities
 * @param latency a fixed delay added to every API answer
 * @param randomSeed seeds generated ids, seeded data and the fault sequence
 * @param seedKv KV namespaces to create at start, titles unique
 * @param seedDo Durable Object namespaces to create at start, class names unique
 * @param invalidUtf8 what bulk get {@code type: "text"} does with a value that is not UTF-8
 * @param capture whether KV writes of captured Workers are recorded in a change log, and the
 *     built-in writer's rate
 */
public record SandboxConfig(
        int port,
        String token,
        String accountId,
        RateLimit rateLimit,
        Faults faults,
        Duration latency,
        long randomSeed,
        List<KvSeed> seedKv,
        List<DoSeed> seedDo,
        InvalidUtf8 invalidUtf8,
        Capture capture) {

    /** The token {@link #defaults()} uses: fixed, so scripts can rely on it. */
    public static final String DEFAULT_TOKEN;

    /** The account id {@link #defaults()} uses: 32 hex characters, fixed. */
    public static final String DEFAULT_ACCOUNT_ID;

    static {
        SplittableRandom r = new SplittableRandom(0x1A4DFA11L);
        HexFormat hex = HexFormat.of();
        DEFAULT_TOKEN = "sandbox-token-" + hex.toHexDigits(r.nextLong()) + hex.toHexDigits(r.nextLong());
        DEFAULT_ACCOUNT_ID = hex.toHexDigits(r.nextLong()) + hex.toHexDigits(r.nextLong());
    }

    public SandboxConfig {
        SpecText.requireRange("port", port, 0, 65535);
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(accountId, "accountId");
        if (token.isBlank() || accountId.isBlank()) {
            throw new IllegalArgumentException("token and accountId must not be blank");
        }
        if (accountId.contains("/")) {
            throw new IllegalArgumentException("accountId must not contain '/': " + accountId);
        }
        Objects.requireNonNull(rateLimit, "rateLimit");
        Objects.requireNonNull(faults, "faults");
        Objects.requireNonNull(latency, "latency");
        Objects.requireNonNull(invalidUtf8, "invalidUtf8");
        Objects.requireNonNull(capture, "capture");
        if (latency.isNegative()) {
            throw new IllegalArgumentException("latency must not be negative: " + latency);
        }
        seedKv = List.copyOf(seedKv);
        seedDo = List.copyOf(seedDo);
        requireDistinct(seedKv, KvSeed::title, "--seed-kv", "the namespace", "NAME");
        requireDistinct(seedDo, DoSeed::className, "--seed-do", "the class", "CLASS");
        if (capture.writesPerSecond() > 0 && seedKv.isEmpty()) {
            throw LandfallException.usage(
                    "--writes has no namespace to write into: the writer writes into the seeded ones",
                    "add --seed-kv NAME=COUNT");
        }
    }

    /**
     * A free port, {@link #DEFAULT_TOKEN}, {@link #DEFAULT_ACCOUNT_ID}, Cloudflare's 1200/300s
     * budget, no faults, no latency, seed 1, no seeded data, invalid UTF-8 decoded as WHATWG
     * does, and no capture.
     */
    public static SandboxConfig defaults() {
        return builder().build();
    }

    /** A builder that starts from {@link #defaults()}, so callers name only what differs. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder that starts from this configuration, to change some of it. */
    public Builder toBuilder() {
        return new Builder()
                .port(port)
                .token(token)
                .accountId(accountId)
                .rateLimit(rateLimit)
                .faults(faults)
                .latency(latency)
                .randomSeed(randomSeed)
                .seedKv(seedKv)
                .seedDo(seedDo)
                .invalidUtf8(invalidUtf8)
                .capture(capture);
    }

    /**
     * Reads a duration for {@code --latency}: digits with {@code ms}, {@code s}, {@code m} or
     * {@code h} ({@code 2ms}, {@code 1s}), or {@code 0}.
     *
     * @throws dev.landfall.core.error.LandfallException a usage error whose message starts with the
     *     quoted text (the caller prefixes the flag)
     */
    public static Duration parseDuration(String text) {
        String hint = "write a number with a unit, such as 2ms, 250ms or 1s, or 0 for none";
        String t = SpecText.required(text, hint);
        return SpecText.duration(text, t, "the duration", hint);
    }

    /**
     * Builds a {@link SandboxConfig}; each setter is named after its property and the values are
     * checked by {@link #build()}.
     */
    public static final class Builder {
        private int port = 0;
        private String token = DEFAULT_TOKEN;
        private String accountId = DEFAULT_ACCOUNT_ID;
        private RateLimit rateLimit = RateLimit.CLOUDFLARE_DEFAULT;
        private Faults faults = Faults.NONE;
        private Duration latency = Duration.ZERO;
        private long randomSeed = 1L;
        private final List<KvSeed> seedKv = new ArrayList<>();
        private final List<DoSeed> seedDo = new ArrayList<>();
        private InvalidUtf8 invalidUtf8 = InvalidUtf8.REPLACE;
        private Capture capture = Capture.OFF;

        private Builder() {}

        public Builder port(int port) {
            this.port = port;
            return this;
        }

        public Builder token(String token) {
            this.token = token;
            return this;
        }

        public Builder accountId(String accountId) {
            this.accountId = accountId;
            return this;
        }

        public Builder rateLimit(RateLimit rateLimit) {
            this.rateLimit = rateLimit;
            return this;
        }

        public Builder faults(Faults faults) {
            this.faults = faults;
            return this;
        }

        public Builder latency(Duration latency) {
            this.latency = latency;
            return this;
        }

        public Builder randomSeed(long randomSeed) {
            this.randomSeed = randomSeed;
            return this;
        }

        /** Replaces the KV seeds. */
        public Builder seedKv(List<KvSeed> seeds) {
            seedKv.clear();
            seeds.forEach(this::addSeedKv);
            return this;
        }

        /** Replaces the Durable Object seeds. */
        public Builder seedDo(List<DoSeed> seeds) {
            seedDo.clear();
            seeds.forEach(this::addSeedDo);
            return this;
        }

        /** One more KV seed. */
        public Builder addSeedKv(KvSeed seed) {
            seedKv.add(Objects.requireNonNull(seed, "seed"));
            return this;
        }

        /** One more Durable Object seed. */
        public Builder addSeedDo(DoSeed seed) {
            seedDo.add(Objects.requireNonNull(seed, "seed"));
            return this;
        }

        public Builder invalidUtf8(InvalidUtf8 invalidUtf8) {
            this.invalidUtf8 = invalidUtf8;
            return this;
        }

        public Builder capture(Capture capture) {
            this.capture = capture;
            return this;
        }

        /** The built-in writer makes {@code perSecond} captured writes a second; capture on. */
        public Builder writes(int perSecond) {
            return capture(capture.withWrites(perSecond));
        }

        /**
         * @throws IllegalArgumentException for a port out of range, a blank token or account id, or a
         *     negative latency
         * @throws LandfallException USAGE for a seed named twice, or writes with nothing seeded
         */
        public SandboxConfig build() {
            return new SandboxConfig(
                    port,
                    token,
                    accountId,
                    rateLimit,
                    faults,
                    latency,
                    randomSeed,
                    seedKv,
                    seedDo,
                    invalidUtf8,
                    capture);
        }
    }

    /** Refuses seeds that name one namespace or class twice: an account has each title and class once. */
    private static <T> void requireDistinct(
            List<T> seeds, Function<T, String> name, String flag, String what, String placeholder) {
        Set<String> seen = new HashSet<>();
        for (T seed : seeds) {
            if (!seen.add(name.apply(seed))) {
                throw LandfallException.usage(
                        flag + " names " + what + " '" + name.apply(seed) + "' twice",
                        "give each " + flag + " a different " + placeholder);
            }
        }
    }

    /** Masks the token. */
    @Override
    public String toString() {
        return "SandboxConfig[port=" + port + ", token=****, accountId=" + accountId + ", rateLimit="
                + rateLimit.spec() + ", faults=" + faults.spec() + ", latency=" + SpecText.format(latency)
                + ", randomSeed=" + randomSeed + ", seedKv=" + seedKv + ", seedDo=" + seedDo + ", invalidUtf8="
                + invalidUtf8.spec() + ", capture=" + capture + "]";
    }
}
