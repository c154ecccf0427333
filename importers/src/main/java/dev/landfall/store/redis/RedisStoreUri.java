package dev.landfall.store.redis;

import dev.landfall.core.codec.PercentDecoding;
import dev.landfall.core.config.HostPort;
import dev.landfall.core.config.Secret;
import dev.landfall.core.error.LandfallException;
import dev.landfall.core.spi.StoreUri;
import dev.landfall.store.ParallelWriters;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A parsed Redis store location: {@code redis://[USER[:PASSWORD]@]HOST[:PORT][/N][?prefix=P][&writers=N]},
 * or {@code rediss://…[?prefix=P][&cacert=PATH]} for TLS. The user and password may be
 * percent-encoded (a password holding {@code @}, {@code /} or {@code ?} must be), and so may the
 * path of {@code cacert}.
 *
 * @param tls whether to connect over TLS ({@code rediss})
 * @param user the ACL user, or null for the default user
 * @param password the password, or null for none
 * @param host the host name or IP address (IPv6 without brackets)
 * @param port the TCP port
 * @param database the logical database number
 * @param prefix prepended to every key Landfall writes
 * @param caCert a PEM file of the CA certificates to trust instead of the JVM's ({@code cacert=},
 *     TLS only), or null
 * @param label the URI with the password masked, for messages
 * @param writers connections a large flush is split over, by disjoint keys
 */
public record RedisStoreUri(
        boolean tls,
        String user,
        Secret password,
        String host,
        int port,
        int database,
        String prefix,
        Path caCert,
        String label,
        int writers) {
    /** The port Redis listens on unless told otherwise. */
    public static final int DEFAULT_PORT = 6379;
    /** The key prefix when the URI names none. */
    public static final String DEFAULT_PREFIX = "lf:";

    static final String FORM = "redis://[USER[:PASSWORD]@]HOST[:PORT][/N][?prefix=P][&writers=N]";
    static final String TLS_FORM = "rediss://[USER[:PASSWORD]@]HOST[:PORT][/N][?prefix=P][&cacert=PATH][&writers=N]";
    // Safe in a key, in SCAN MATCH patterns (no glob characters) and in a URI without encoding.
    private static final Pattern PREFIX = Pattern.compile("[A-Za-z0-9._:{}/-]{1,64}");
    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,9}");

    public RedisStoreUri {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(label, "label");
        if (writers < 1 || writers > ParallelWriters.MAX) {
            throw new IllegalArgumentException("writers must be 1.." + ParallelWriters.MAX + ", not " + writers);
        }
    }

    /** The password, if the URI has one. */
    public Optional<Secret> secret() {
        return Optional.ofNullable(password);
    }

    /** The PEM file of CA certificates to trust ({@code cacert=}), if the URI names one. */
    public Optional<Path> caCertificates() {
        return Optional.ofNullable(caCert);
    }

    /** The user, if the URI names one. */
    public Optional<String> username() {
        return Optional.ofNullable(user);
    }

    /**
     * Parses a {@code redis:} or {@code rediss:} store URI.
     *
     * @throws LandfallException USAGE naming the URI (password masked) and the fix
     */
    public static RedisStoreUri parse(StoreUri uri) {
        Objects.requireNonNull(uri, "uri");
        boolean tls = switch (uri.scheme()) {
            case "redis" -> false;
            case "rediss" -> true;
            default -> throw new IllegalArgumentException("not a redis URI: " + uri.scheme());
        };
        String rest = uri.rest();
        String scheme = uri.scheme();
        if (!rest.startsWith("//")) {
            throw bad(scheme + ":" + maskAll(rest), "it must start with " + scheme + "://");
        }
        // The last '@' ends the user info: the path and the prefix cannot hold one, so a password
        // with a raw '@', '/' or '?' still parses, and is still masked.
        int at = rest.lastIndexOf('@');
        String userInfo = at < 0 ? null : rest.substring(2, at);
        String afterUser = rest.substring(at < 0 ? 2 : at + 1);
        int authorityEnd = indexOfAny(afterUser, '/', '?');
        String hostPort = authorityEnd < 0 ? afterUser : afterUser.substring(0, authorityEnd);
        String tail = authorityEnd < 0 ? "" : afterUser.substring(authorityEnd);
        String label = scheme + "://" + maskedUserInfo(userInfo) + hostPort + tail;

        String user = null;
        Secret password = null;
        if (userInfo != null) {
            int colon = userInfo.indexOf(':');
            String rawUser = colon < 0 ? userInfo : userInfo.substring(0, colon);
            user = rawUser.isEmpty() ? null : decode(rawUser, label, "user");
            if (colon >= 0 && colon + 1 < userInfo.length()) {
                String text = decode(userInfo.substring(colon + 1), label, "password");
                if (text.isBlank()) {
                    throw bad(label, "the password is blank");
                }
                password = Secret.of(text);
            }
        }

        HostPort address = HostPort.parse(hostPort, DEFAULT_PORT, what -> bad(label, what));

        String path = tail;
        String query = "";
        int q = tail.indexOf('?');
        if (q >= 0) {
            path = tail.substring(0, q);
            query = tail.substring(q + 1);
        }
        int database = database(path, label);
        Map<String, String> options = options(query, label);
        String prefix = prefix(options.getOrDefault("prefix", DEFAULT_PREFIX), label);
        Path caCert = null;
        if (options.containsKey("cacert")) {
            if (!tls) {
                throw LandfallException.usage(
                        "store " + label + ": cacert= is for TLS connections",
                        "write rediss:// to connect over TLS, or leave cacert= out");
            }
            String file = decode(options.get("cacert"), label, "cacert path");
            if (file.isEmpty()) {
                throw LandfallException.usage(
                        "store " + label + ": cacert= names no file",
                        "write cacert=/path/to/ca.pem, the PEM file of the CA that signed the server's certificate");
            }
            caCert = Path.of(file);
        }
        int writers = ParallelWriters.parseCount(label, options.get("writers"));
        return new RedisStoreUri(
                tls, user, password, address.host(), address.port(), database, prefix, caCert, label, writers);
    }

    private static int database(String path, String label) {
        if (path.isEmpty() || path.equals("/")) {
            return 0;
        }
        String n = path.substring(1);
        if (!DIGITS.matcher(n).matches()) {
            throw bad(label, "database '" + n + "' is not a database number (0, 1, 2, …)");
        }
        return Integer.parseInt(n);
    }

    /** The URI's options, each given at most once; {@code cacert} is checked by the caller. */
    private static Map<String, String> options(String query, String label) {
        Map<String, String> options = new LinkedHashMap<>();
        if (query.isEmpty()) {
            return options;
        }
        for (String option : query.split("&", -1)) {
            int eq = option.indexOf('=');
            String name = eq < 0 ? option : option.substring(0, eq);
            if (!(name.equals("prefix") || name.equals("cacert") || name.equals("writers")) || eq < 0) {
                throw bad(
                        label,
                        "unknown option '" + option + "'; the options are prefix=P, writers=N and, with rediss://,"
                                + " cacert=PATH");
            }
            if (options.put(name, option.substring(eq + 1)) != null) {
                throw bad(label, "option " + name + " is given twice");
            }
        }
        return options;
    }

    private static String prefix(String prefix, String label) {
        if (!PREFIX.matcher(prefix).matches()) {
            throw LandfallException.usage(
                    "store " + label + ": prefix '" + prefix + "' is not 1 to 64 characters of letters, digits"
                            + " and . _ : { } / -",
                    "choose a prefix such as lf: or app1:kv: (it is prepended to every Redis key Landfall writes)");
        }
        return prefix;
    }

    private static String decode(String text, String label, String what) {
        if (text.indexOf('%') < 0) {
            return text;
        }
        try {
            return new String(PercentDecoding.path(text), StandardCharsets.UTF_8);
        } catch (PercentDecoding.Malformed e) {
            throw bad(label, "the " + what + " has a '%' that is not followed by two hex digits");
        }
    }

    private static String maskedUserInfo(String userInfo) {
        if (userInfo == null) {
            return "";
        }
        int colon = userInfo.indexOf(':');
        return colon < 0 ? userInfo + "@" : userInfo.substring(0, colon) + ":****@";
    }

    /** For a URI too broken to find its parts in: masks everything that could be a password. */
    private static String maskAll(String rest) {
        int at = rest.lastIndexOf('@');
        return at < 0 ? rest : "****@" + rest.substring(at + 1);
    }

    private static int indexOfAny(String s, char a, char b) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == a || c == b) {
                return i;
            }
        }
        return -1;
    }

    private static LandfallException bad(String label, String what) {
        return LandfallException.usage(
                "store " + label + ": " + what,
                "write it as " + FORM + " (or " + TLS_FORM + "), e.g. "
                        + "redis://app:secret@127.0.0.1:6379/0?prefix=lf: (percent-encode @ / ? in the password)");
    }

    @Override
    public String toString() {
        return label;
    }
}
