package dev.landfall.serve;

import dev.landfall.core.config.Secret;
import dev.landfall.core.error.LandfallException;
import dev.landfall.core.spi.StoreUri;
import dev.landfall.core.time.DurationText;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code landfall serve}'s flags as given, turned into a {@link ServeConfig}: every value checked
 * before anything is opened or bound, each refusal a usage error (exit 2) naming the flag.
 *
 * @param listen {@code --listen HOST:PORT}
 * @param cacheBytes {@code --cache-bytes SIZE}: bytes, or a number with KiB, MiB or GiB
 * @param freshFor {@code --fresh-for DURATION}
 * @param tokenFile {@code --token-file FILE}, or null
 * @param envToken {@code LANDFALL_SERVE_TOKEN}, or null
 */
public record ServeFlags(String listen, String cacheBytes, String freshFor, Path tokenFile, String envToken) {
    public static final String DEFAULT_CACHE_BYTES = "64MiB";
    public static final String DEFAULT_FRESH_FOR = "10s";
    public static final String TOKEN_ENV = "LANDFALL_SERVE_TOKEN";

    private static final Pattern SIZE = Pattern.compile("([0-9]{1,15})\\s*(B|KiB|MiB|GiB)?", Pattern.CASE_INSENSITIVE);
    /** Enough threads that a request waiting on the store does not hold up the hot reads. */
    private static final int THREADS = Math.max(8, 4 * Runtime.getRuntime().availableProcessors());

    private static final Duration DRAIN_FOR = Duration.ofSeconds(20);

    /** The store kinds that answer single-key reads and writes ({@code KvAccess}). */
    private static final Set<String> SERVABLE = Set.of("sqlite", "postgres", "postgresql", "redis", "rediss");

    private static final String SERVABLE_HINT =
            "serve a sqlite:PATH, postgres://…, redis://… or rediss://… store (import into one first, see docs/serve.md)";

    /**
     * The configuration, checked: also refuses a listen address beyond loopback without a token.
     *
     * @throws LandfallException a usage error naming the flag and the fix
     */
    public ServeConfig config() {
        ListenAddress address = ListenAddress.parse(listen == null ? ListenAddress.DEFAULT : listen);
        long bytes = bytes(cacheBytes == null ? DEFAULT_CACHE_BYTES : cacheBytes);
        Duration fresh = freshFor(freshFor == null ? DEFAULT_FRESH_FOR : freshFor);
        return new ServeConfig(address, token(), new CacheSettings(bytes, fresh), THREADS, DRAIN_FOR).checkSafe();
    }

    private static long bytes(String text) {
        Matcher m = SIZE.matcher(text.strip());
        if (!m.matches()) {
            throw LandfallException.usage(
                    "--cache-bytes " + text + " is not a size",
                    "give bytes or KiB, MiB, GiB, e.g. --cache-bytes 256MiB");
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "b" : m.group(2).toLowerCase(Locale.ROOT);
        int shift = switch (unit) {
            case "kib" -> 10;
            case "mib" -> 20;
            case "gib" -> 30;
            default -> 0;
        };
        if (n > (Long.MAX_VALUE >> shift)) {
            throw LandfallException.usage("--cache-bytes " + text + " is too large", "e.g. --cache-bytes 1GiB");
        }
        return n << shift;
    }

    /** {@code bytes} as {@code --cache-bytes} takes it: the largest binary unit that holds it exactly. */
    static String sizeText(long bytes) {
        String[] units = {"GiB", "MiB", "KiB"};
        for (int i = 0; i < units.length; i++) {
            int shift = 30 - 10 * i;
            if (bytes != 0 && bytes % (1L << shift) == 0) {
                return (bytes >> shift) + units[i];
            }
        }
        return Long.toString(bytes);
    }

    private static Duration freshFor(String text) {
        Duration d;
        try {
            d = DurationText.parse(text);
        } catch (IllegalArgumentException e) {
            throw LandfallException.usage("--fresh-for " + text + " " + e.getMessage(), "for example --fresh-for 10s");
        }
        if (d.isZero() || d.isNegative()) {
            throw LandfallException.usage(
                    "--fresh-for " + text + " must be above 0",
                    "for example --fresh-for 10s (how stale a value written by another instance may be served)");
        }
        return d;
    }

    /**
     * {@code --store}: a store serve can read key by key (SQLite, PostgreSQL, Redis), checked before
     * it is opened, so a bundle, a Cloudflare account or an events sink is refused without a trace.
     *
     * @throws LandfallException a usage error naming {@code --store} and the kinds serve takes
     */
    public static StoreUri store(String text) {
        StoreUri uri;
        try {
            uri = StoreUri.parse(text);
        } catch (LandfallException e) {
            throw LandfallException.usage("--store " + e.getMessage(), SERVABLE_HINT);
        }
        if (!SERVABLE.contains(uri.scheme())) {
            throw notServable(uri);
        }
        return uri;
    }

    /**
     * Why a store of another kind cannot be served, and what to run instead: serve reads one key at
     * a time, which a bundle (files read start to end), Workers KV itself and an events store do not
     * offer.
     */
    private static LandfallException notServable(StoreUri uri) {
        String store = "--store " + uri;
        return switch (uri.scheme()) {
            case "bundle" ->
                LandfallException.usage(
                        store + " is a bundle (exported files), not a store serve can read one key at a time",
                        "import it into a store and serve that: landfall import --from " + uri
                                + " --to sqlite:landfall.db, then landfall serve --store sqlite:landfall.db");
            case "cloudflare" ->
                LandfallException.usage(
                        store + " is Workers KV itself, not a store serve can read one key at a time",
                        "migrate the data into a store and serve that: landfall migrate --from " + uri
                                + " --to sqlite:landfall.db, then landfall serve --store sqlite:landfall.db");
            case "clickhouse" ->
                LandfallException.usage(
                        store + " is an events store, not a key-value store serve can read one key at a time",
                        SERVABLE_HINT);
            default ->
                LandfallException.usage(
                        store + " is a " + uri.scheme() + " store, which serve cannot read one key at a time",
                        SERVABLE_HINT);
        };
    }

    // Why a token file cannot be read, in words: an exception's class name means nothing to an operator.
    private static String unreadable(Path file, IOException e) {
        if (e instanceof NoSuchFileException) {
            return "does not exist";
        }
        if (Files.isDirectory(file)) {
            return "is a directory, not a file";
        }
        if (e instanceof AccessDeniedException) {
            return "cannot be read: permission denied";
        }
        return "cannot be read";
    }

    /** The token from the file (first line, trimmed), else from the environment; the file wins. */
    private Optional<Secret> token() {
        if (tokenFile != null) {
            String text;
            try {
                text = Files.readString(tokenFile, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw LandfallException.usage(
                        "--token-file " + tokenFile + " " + unreadable(tokenFile, e),
                        "give a readable file holding the bearer token on its first line");
            }
            String first = text.lines().findFirst().orElse("").strip();
            if (first.isEmpty()) {
                throw LandfallException.usage(
                        "--token-file " + tokenFile + " is empty", "write the bearer token on its first line");
            }
            return Optional.of(Secret.of(first));
        }
        if (envToken != null && !envToken.isBlank()) {
            return Optional.of(Secret.of(envToken.strip()));
        }
        return Optional.empty();
    }
}
