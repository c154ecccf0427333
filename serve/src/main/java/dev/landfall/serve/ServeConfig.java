package dev.landfall.serve;

import dev.landfall.core.config.Secret;
import dev.landfall.core.error.LandfallException;
import dev.landfall.core.time.DurationText;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The options {@code landfall serve} runs with, validated before anything is bound or opened.
 *
 * @param listen where to listen
 * @param token the bearer token every route but {@code /healthz} and {@code /readyz} needs, if any
 * @param cache the cache's size and freshness
 * @param threads request threads (the pool is fixed: a burst queues instead of spawning threads)
 * @param drainFor the longest a SIGTERM waits for requests in flight
 */
public record ServeConfig(
        ListenAddress listen, Optional<Secret> token, CacheSettings cache, int threads, Duration drainFor) {
    public ServeConfig {
        Objects.requireNonNull(listen, "listen");
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(cache, "cache");
        Objects.requireNonNull(drainFor, "drainFor");
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be positive: " + threads);
        }
    }

    /**
     * Refuses a listen address beyond loopback without a token: anyone on that network could read
     * and write every key.
     *
     * @throws LandfallException a usage error (exit 2) naming {@code --listen} and the fix
     */
    public ServeConfig checkSafe() {
        if (token.isEmpty() && !listen.loopback()) {
            throw LandfallException.usage(
                    "--listen " + listen + " is beyond loopback and no token is set: anyone who can reach it could"
                            + " read and write every key",
                    "give a bearer token with --token-file FILE or LANDFALL_SERVE_TOKEN, or listen on 127.0.0.1");
        }
        return this;
    }

    /**
     * The options as {@code /flagz} shows them, each in the syntax its flag takes ({@code 10s},
     * {@code 64MiB}, not {@code PT10S}), so an operator can paste a value back; the token masked.
     */
    public Map<String, String> flags(String store) {
        Map<String, String> flags = new LinkedHashMap<>();
        flags.put("--store", store);
        flags.put("--listen", listen.toString());
        flags.put("--cache-bytes", ServeFlags.sizeText(cache.maxBytes()));
        flags.put("--fresh-for", DurationText.format(cache.freshFor()));
        flags.put("token", token.map(Secret::toString).orElse("none"));
        flags.put("threads", Integer.toString(threads));
        flags.put("drain-for", DurationText.format(drainFor));
        return flags;
    }
}
