package dev.landfall.store.postgres;

import dev.landfall.core.codec.PercentDecoding;
import dev.landfall.core.config.HostPort;
import dev.landfall.core.config.Secret;
import dev.landfall.core.error.LandfallException;
import dev.landfall.core.io.Utf8;
import dev.landfall.core.spi.StoreUri;
import dev.landfall.store.ParallelWriters;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A parsed {@code postgres://USER[:PASSWORD]@HOST[:PORT]/DB[?schema=NAME&sslmode=MODE&writers=N]},
 * in libpq's URI form: user, password and database are percent-decoded, an IPv6 host is written in
 * brackets, the port defaults to 5432, the schema to {@code public} and the writers to {@link
 * #defaultWriters(String)}.
 *
 * <p>{@link #label()} is the URI with the password masked; it is the only form that appears in
 * messages. The password, when the URI has one, is a {@link Secret}.
 *
 * @param label the URI for messages, password masked
 * @param user the role to log in as
 * @param password the password written in the URI, if any
 * @param host the host name or address (IPv6 without brackets)
 * @param port the TCP port
 * @param database the database name
 * @param schema the schema that holds Landfall's tables
 * @param sslmode the libpq/pgjdbc {@code sslmode}, if given
 * @param writers connections a large flush is split over, by disjoint key ranges
 */
public record PostgresUri(
        String label,
        String user,
        Optional<Secret> password,
        String host,
        int port,
        String database,
        String schema,
        Optional<String> sslmode,
        int writers) {
    /** The port PostgreSQL listens on unless told otherwise. */
    public static final int DEFAULT_PORT = 5432;
    /** The schema Landfall's tables go in unless {@code ?schema=} names another. */
    public static final String DEFAULT_SCHEMA = "public";

    static final String FORM = "postgres://USER[:PASSWORD]@HOST[:PORT]/DB[?schema=NAME&sslmode=MODE&writers=N]";
    private static final String HINT = "write it as " + FORM
            + ", for example postgres://app@127.0.0.1:5432/app?schema=landfall"
            + " (percent-encode special characters in the password)";
    private static final Set<String> SSL_MODES =
            Set.of("disable", "allow", "prefer", "require", "verify-ca", "verify-full");
    // Quoted in every statement, so any such name is safe; the pattern keeps out names that would
    // surprise an operator (spaces, quotes) and stays within PostgreSQL's 63-byte identifiers.
    private static final Pattern SCHEMA = Pattern.compile("[A-Za-z_][A-Za-z0-9_$]{0,62}");
    private static final Pattern PASSWORD_OPTION = Pattern.compile("(?i)([?&]password=)[^&]*");

    public PostgresUri {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(sslmode, "sslmode");
        if (writers < 1 || writers > ParallelWriters.MAX) {
            throw new IllegalArgumentException("writers must be 1.." + ParallelWriters.MAX + ", not " + writers);
        }
    }

    /**
     * Parses a store URI.
     *
     * @throws LandfallException USAGE naming the URI (password masked) and what is wrong
     */
    public static PostgresUri parse(StoreUri uri) {
        String label = mask(uri);
        String rest = uri.rest();
        if (!rest.startsWith("//")) {
            throw bad(label, "is not a PostgreSQL URI");
        }
        int pathStart = rest.indexOf('/', 2);
        int queryStart = rest.indexOf('?', 2);
        if (pathStart < 0 || (queryStart >= 0 && queryStart < pathStart)) {
            throw bad(label, "names no database");
        }
        String authority = rest.substring(2, pathStart);
        String path = queryStart < 0 ? rest.substring(pathStart + 1) : rest.substring(pathStart + 1, queryStart);
        String query = queryStart < 0 ? "" : rest.substring(queryStart + 1);

        int at = authority.lastIndexOf('@');
        if (at < 0) {
            throw bad(label, "names no user");
        }
        String userInfo = authority.substring(0, at);
        int colon = userInfo.indexOf(':');
        String user = decode(label, colon < 0 ? userInfo : userInfo.substring(0, colon));
        if (user.isEmpty()) {
            throw bad(label, "names no user");
        }
        Optional<Secret> password = Optional.empty();
        if (colon >= 0) {
            String pw = decode(label, userInfo.substring(colon + 1));
            if (!pw.isBlank()) {
                password = Optional.of(Secret.of(pw));
            }
        }
        HostPort address = HostPort.parse(authority.substring(at + 1), DEFAULT_PORT, what -> bad(label, what));
        String database = decode(label, path);
        if (database.isEmpty()) {
            throw bad(label, "names no database");
        }
        Map<String, String> options = options(label, query);
        String schema = options.getOrDefault("schema", DEFAULT_SCHEMA);
        if (!SCHEMA.matcher(schema).matches()) {
            throw LandfallException.usage(
                    "store " + label + ": schema '" + schema + "' is not a plain identifier",
                    "use letters, digits, _ and $ (not starting with a digit, at most 63), such as ?schema=landfall");
        }
        Optional<String> sslmode = Optional.ofNullable(options.get("sslmode"));
        if (sslmode.isPresent() && !SSL_MODES.contains(sslmode.get())) {
            throw LandfallException.usage(
                    "store " + label + ": sslmode '" + sslmode.get() + "' is not one PostgreSQL knows",
                    "use one of disable, allow, prefer, require, verify-ca, verify-full");
        }
        String writersOption = options.get("writers");
        int writers = writersOption == null
                ? defaultWriters(address.host())
                : ParallelWriters.parseCount(label, writersOption);
        return new PostgresUri(
                label, user, password, address.host(), address.port(), database, schema, sslmode, writers);
    }

    /**
     * The writers when the URI names none: one for a server on this host (a loopback address),
     * else {@link ParallelWriters#defaultCount()}. A server on this host shares the client's cores,
     * which an import keeps busy decoding and checking, and several connections inserting into one
     * btree at neighbouring key ranges cost its backends more CPU than one inserting in key order
     * (measured on 2 cores: about 40% more with two than with one); a server elsewhere has its own cores.
     */
    static int defaultWriters(String host) {
        return isLoopback(host) ? 1 : ParallelWriters.defaultCount();
    }

    /** Whether the host names this machine by a loopback name or address, without looking it up. */
    private static boolean isLoopback(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        return h.equals("localhost")
                || h.endsWith(".localhost")
                || h.equals("::1")
                || h.equals("0:0:0:0:0:0:0:1")
                || h.matches("127(\\.[0-9]{1,3}){3}");
    }

    /**
     * The URI with any password masked. Robust where {@link StoreUri#toString()} is not: everything
     * between the user's colon and the last {@code @} is masked, so a password holding {@code /} or
     * {@code @} never shows, nor does a {@code password=} option.
     */
    public static String mask(StoreUri uri) {
        String rest = uri.rest();
        int at = rest.lastIndexOf('@');
        if (rest.startsWith("//") && at > 2) {
            String userInfo = rest.substring(2, at);
            int colon = userInfo.indexOf(':');
            if (colon >= 0) {
                rest = "//" + userInfo.substring(0, colon) + ":****@" + rest.substring(at + 1);
            }
        }
        return uri.scheme() + ":" + PASSWORD_OPTION.matcher(rest).replaceAll("$1****");
    }

    /** The host as a JDBC URL writes it: IPv6 addresses in brackets. */
    String urlHost() {
        return HostPort.inUrl(host);
    }

    /** The schema as a quoted SQL identifier. */
    String quotedSchema() {
        return '"' + schema.replace("\"", "\"\"") + '"';
    }

    private static Map<String, String> options(String label, String query) {
        Map<String, String> out = new LinkedHashMap<>();
        if (query.isEmpty()) {
            return out;
        }
        for (String pair : query.split("&", -1)) {
            int eq = pair.indexOf('=');
            String name = decode(label, eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(label, pair.substring(eq + 1));
            if (!name.equals("schema") && !name.equals("sslmode") && !name.equals("writers")) {
                throw LandfallException.usage(
                        "store " + label + " has an unknown option '" + name + "'",
                        "the options are schema=NAME, sslmode=MODE and writers=N; put the password in the URI's user part,"
                                + " PGPASSWORD or ~/.pgpass");
            }
            if (value.isEmpty()) {
                throw LandfallException.usage(
                        "store " + label + " gives option '" + name + "' no value", "write it as " + name + "=VALUE");
            }
            if (out.put(name, value) != null) {
                throw LandfallException.usage(
                        "store " + label + " gives option '" + name + "' twice", "keep one " + name + "=VALUE");
            }
        }
        return out;
    }

    /** Percent-decoding as in RFC 3986: {@code +} stays a plus; the bytes must be UTF-8. */
    private static String decode(String label, String text) {
        if (text.indexOf('%') < 0) {
            return text;
        }
        byte[] bytes;
        try {
            bytes = PercentDecoding.path(text);
        } catch (PercentDecoding.Malformed e) {
            throw bad(label, "has a '%' that is not followed by two hex digits");
        }
        return Utf8.text(bytes).orElseThrow(() -> bad(label, "percent-encodes bytes that are not UTF-8"));
    }

    private static LandfallException bad(String label, String what) {
        return LandfallException.usage("store " + label + " " + what, HINT);
    }

    @Override
    public String toString() {
        return label;
    }

    /** The JDBC URL of this server and database; credentials go in {@link #driverProperties}. */
    String jdbcUrl() {
        return "jdbc:postgresql://" + urlHost() + ":" + port() + "/"
                + URLEncoder.encode(database(), StandardCharsets.UTF_8);
    }

    /**
     * What every connection of landfall's sends: user, password, TLS mode, the application name the
     * server's {@code pg_stat_activity} shows, and TCP keepalive. Callers add their timeouts.
     */
    Properties driverProperties(PgPassword.Found password, String applicationName) {
        Properties props = new Properties();
        props.setProperty("user", user());
        password.secret().ifPresent(s -> props.setProperty("password", s.reveal()));
        sslmode().ifPresent(m -> props.setProperty("sslmode", m));
        props.setProperty("ApplicationName", applicationName);
        props.setProperty("tcpKeepAlive", "true");
        return props;
    }
}
