package dev.landfall.store.clickhouse;

import dev.landfall.core.config.HostPort;
import dev.landfall.core.config.Secret;
import dev.landfall.core.error.LandfallException;
import dev.landfall.core.spi.StoreUri;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A parsed {@code clickhouse://[USER[:PASSWORD]@]HOST[:PORT]/DB[?secure=true]}: ClickHouse's HTTP
 * interface (port 8123 by default, 8443 with {@code secure=true}, which speaks HTTPS). The user
 * and password come from the URI, else from {@code CLICKHOUSE_USER} and {@code
 * CLICKHOUSE_PASSWORD} (the variables {@code clickhouse-client} reads), else user {@code
 * default} without a password.
 *
 * @param label the URI for messages, password masked
 * @param host the host name or address
 * @param port the HTTP(S) port
 * @param database the database the tables are in
 * @param user the user to log in as
 * @param password the password, if any
 * @param secure whether to use HTTPS
 */
public record ClickHouseLocation(
        String label, String host, int port, String database, String user, Optional<Secret> password, boolean secure) {
    /** The form, for help texts and hints. */
    public static final String FORM = "clickhouse://[USER[:PASSWORD]@]HOST[:PORT]/DB[?secure=true]";

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");

    public ClickHouseLocation {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
    }

    /** Whether {@code text} is a ClickHouse location. */
    public static boolean matches(String text) {
        return text.regionMatches(true, 0, "clickhouse://", 0, "clickhouse://".length());
    }

    /**
     * Parses a location.
     *
     * @param env the environment, for {@code CLICKHOUSE_USER} and {@code CLICKHOUSE_PASSWORD}
     * @throws LandfallException USAGE naming the URI (password masked) and what is wrong
     */
    public static ClickHouseLocation parse(String text, Map<String, String> env) {
        StoreUri uri = StoreUri.parse(text);
        String label = uri.toString();
        String rest = uri.rest();
        if (!uri.scheme().equals("clickhouse") || !rest.startsWith("//")) {
            throw bad(label, "is not a ClickHouse URI");
        }
        int slash = rest.indexOf('/', 2);
        if (slash < 0) {
            throw bad(label, "names no database");
        }
        String authority = rest.substring(2, slash);
        String pathAndQuery = rest.substring(slash + 1);
        int q = pathAndQuery.indexOf('?');
        String database = q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
        boolean secure = false;
        if (q >= 0) {
            for (String pair : pathAndQuery.substring(q + 1).split("&")) {
                if (pair.equals("secure=true") || pair.equals("secure=1")) {
                    secure = true;
                } else if (!pair.equals("secure=false") && !pair.isEmpty()) {
                    throw bad(label, "has an unknown option '" + pair.split("=")[0] + "'");
                }
            }
        }
        if (!NAME.matcher(database).matches()) {
            throw bad(
                    label,
                    database.isEmpty() ? "names no database" : "has a database name ClickHouse would need quoted");
        }
        String user = env.getOrDefault("CLICKHOUSE_USER", "default");
        Optional<Secret> password = Optional.ofNullable(env.get("CLICKHOUSE_PASSWORD"))
                .filter(p -> !p.isBlank())
                .map(Secret::of);
        int at = authority.lastIndexOf('@');
        if (at >= 0) {
            String info = authority.substring(0, at);
            int colon = info.indexOf(':');
            user = decode(label, colon < 0 ? info : info.substring(0, colon));
            if (colon >= 0) {
                String pw = decode(label, info.substring(colon + 1));
                password = pw.isBlank() ? Optional.empty() : Optional.of(Secret.of(pw));
            }
            authority = authority.substring(at + 1);
        }
        if (user.isEmpty()) {
            throw bad(label, "has an empty user name");
        }
        HostPort address = HostPort.parse(authority, secure ? 8443 : 8123, what -> bad(label, what));
        return new ClickHouseLocation(label, address.host(), address.port(), database, user, password, secure);
    }

    /** The HTTP endpoint, such as {@code http://127.0.0.1:8123}. */
    public String endpoint() {
        return (secure ? "https://" : "http://") + HostPort.inUrl(host) + ":" + port;
    }

    /** {@code `db`.`table`}: every statement names the database, since 18.16 ignores a default one. */
    public String qualified(String table) {
        return Column.quote(database) + "." + Column.quote(table);
    }

    private static String decode(String label, String s) {
        try {
            return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw bad(label, "has a bad percent-escape");
        }
    }

    private static LandfallException bad(String label, String what) {
        return LandfallException.usage(
                label + " " + what,
                "write it as " + FORM + ", for example clickhouse://app@127.0.0.1:8123/analytics"
                        + " (the password may also come from CLICKHOUSE_PASSWORD)");
    }

    @Override
    public String toString() {
        return label;
    }
}
