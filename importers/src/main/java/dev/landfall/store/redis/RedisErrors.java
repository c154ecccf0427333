package dev.landfall.store.redis;

import dev.landfall.core.config.HostPort;
import dev.landfall.core.error.LandfallException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.cert.CertificateException;
import java.util.Locale;
import javax.net.ssl.SSLException;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Translates Jedis exceptions into {@link LandfallException}s that name the store (password
 * masked) and the fix, in one place. Redis never echoes a password back, but every text taken from
 * a driver is scrubbed anyway, and causes whose messages hold it are replaced.
 */
final class RedisErrors {
    private static final String RESUME = "rerun the command (with --resume for a migration) once it is back";

    private static final java.util.Set<String> KNOWN_UNREACHABLE =
            java.util.Set.of("connection refused", "unknown host", "no route to host", "timed out");

    private final RedisStoreUri uri;

    RedisErrors(RedisStoreUri uri) {
        this.uri = uri;
    }

    /** An error while connecting, authenticating or selecting the database. */
    LandfallException onConnect(JedisException e) {
        LandfallException certificate = certificateRefused(e);
        if (certificate != null) {
            return certificate;
        }
        if (e instanceof JedisConnectionException && serverError(e) == null) {
            String reason = reason(e);
            // Something listened but dropped a plain connection: what a TLS-only server does.
            boolean mayBeTls = !uri.tls() && !KNOWN_UNREACHABLE.contains(reason);
            return LandfallException.transientFailure(
                    "cannot reach " + uri.label() + ": " + reason,
                    "is the server running at " + new HostPort(uri.host(), uri.port()) + "? check host and port"
                            + (uri.tls() ? " (and that it speaks TLS)" : "")
                            + (mayBeTls ? " (a server that speaks only TLS needs rediss://)" : ""),
                    safe(e));
        }
        return translate(e, "connecting");
    }

    /** An error while doing {@code action} (a gerund phrase: "writing kv namespace …"). */
    LandfallException translate(JedisException e, String action) {
        JedisDataException server = serverError(e);
        if (server == null) {
            return LandfallException.transientFailure(
                    "lost the connection to " + uri.label() + " while " + action + ": " + reason(e), RESUME, safe(e));
        }
        String message = scrub(server.getMessage());
        String code = code(message);
        String user = uri.username().orElse("default");
        return switch (code) {
            case "WRONGPASS" ->
                LandfallException.rejected(
                        uri.label() + " refused the credentials of user " + user + ": " + message,
                        "check the user and password in the store URI (redis://USER:PASSWORD@HOST:PORT/N);"
                                + " percent-encode special characters in them");
            case "NOAUTH" ->
                LandfallException.rejected(
                        uri.label() + " requires a password: " + message,
                        "add the user and password to the store URI (redis://USER:PASSWORD@HOST:PORT/N)");
            case "NOPERM" ->
                LandfallException.rejected(
                        "user " + user + " may not do this on " + uri.label() + " while " + action + ": " + message,
                        "grant the user access to Landfall's keys, e.g. ACL SETUSER " + user + " ~" + uri.prefix()
                                + "* +@read +@write +@transaction +@scripting, or use a user that has it");
            case "READONLY" ->
                LandfallException.rejected(
                        uri.label() + " is a read-only replica: " + message,
                        "point the store URI at the primary server");
            case "OOM" ->
                LandfallException.rejected(
                        uri.label() + " is out of memory (maxmemory) while " + action + ": " + message,
                        "raise maxmemory or free memory on the server, then " + RESUME);
            case "LOADING", "BUSY", "MASTERDOWN", "TRYAGAIN", "CLUSTERDOWN" ->
                LandfallException.transientFailure(
                        uri.label() + " is not ready while " + action + ": " + message, RESUME, safe(e));
            case "MOVED", "ASK", "CROSSSLOT" ->
                LandfallException.usage(
                        uri.label() + " is a Redis Cluster node: " + message,
                        "point the store URI at a standalone Redis (or one shard's primary behind a proxy);"
                                + " Landfall's layout keeps a namespace's keys together");
            case "WRONGTYPE" ->
                LandfallException.failed(
                        "a key under prefix " + uri.prefix() + " on " + uri.label()
                                + " holds another type of value while " + action + ": " + message,
                        "another application writes under this prefix: choose another with ?prefix=P");
            default ->
                outOfRange(message)
                        ? LandfallException.usage(
                                "store " + uri.label() + ": database " + uri.database()
                                        + " does not exist on the server (" + message + ")",
                                "use a database number below the server's 'databases' setting (16 unless configured)")
                        : LandfallException.failed(
                                uri.label() + " answered an error while " + action + ": " + message,
                                "see the Redis server's log; if the error persists, report it",
                                safe(e));
        };
    }

    /**
     * A command inside a transaction or script that failed on its own: Redis does not undo the
     * others, so the message says the batch may be partly applied. The kind stays what the error
     * is (a refused permission is still REJECTED).
     */
    LandfallException translate(JedisDataException e, String action, boolean partlyApplied) {
        LandfallException mapped = translate(e, action);
        if (!partlyApplied) {
            return mapped;
        }
        String message = mapped.getMessage() + " (the batch may be partly applied)";
        String hint = mapped.hint().orElse("see the Redis server's log") + "; then rerun: the writes are idempotent";
        return switch (mapped.kind()) {
            case USAGE -> LandfallException.usage(message, hint, safe(e));
            case REJECTED -> LandfallException.rejected(message, hint);
            case TRANSIENT -> LandfallException.transientFailure(message, hint, safe(e));
            default -> LandfallException.failed(message, hint, safe(e));
        };
    }

    private static boolean outOfRange(String message) {
        return message.toLowerCase(Locale.ROOT).contains("db index is out of range");
    }

    /** The server's error, if the exception carries one (Jedis wraps some in connection errors). */
    private static JedisDataException serverError(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof JedisDataException d) {
                return d;
            }
        }
        return null;
    }

    private static String code(String message) {
        if (message.contains("user executing the script can't run")) {
            return "NOPERM"; // how Redis 7 reports a refused redis.call inside a script
        }
        int space = message.indexOf(' ');
        return space < 0 ? message : message.substring(0, space);
    }

    /**
     * The server's TLS certificate refused by this side: not signed by a trusted CA, or not for
     * this host. Rerunning cannot help until the operator changes the URI or the certificate, so
     * exit 2; null for any other failure.
     */
    private LandfallException certificateRefused(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (!(t instanceof CertificateException c)) {
                continue;
            }
            String why = String.valueOf(c.getMessage());
            if (why.startsWith("No subject alternative") || why.startsWith("No name matching")) {
                return LandfallException.rejected(
                        uri.label() + ": the server's TLS certificate is not for host " + uri.host() + " (" + why + ")",
                        "connect by a host name or IP address the certificate lists, or have it reissued for "
                                + uri.host());
            }
            // The JVM's words for an unknown CA name its own classes; say it plainly.
            String reason = why.contains("unable to find valid certification path")
                    ? "no CA this side trusts signed it"
                    : firstLine(why);
            return LandfallException.rejected(
                    uri.label() + ": the server's TLS certificate is not trusted (" + reason + ")",
                    uri.caCertificates()
                            .map(pem -> "the CA certificates in cacert=" + pem
                                    + " did not sign it: point cacert= at the PEM file of the CA that did")
                            .orElse("name the PEM file of the CA that signed it: rediss://…?cacert=/path/to/ca.pem"
                                    + " (or add that CA to the JVM's trust store)"));
        }
        return null;
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    private String reason(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String known = known(t);
            if (known != null) {
                return known;
            }
            for (Throwable s : t.getSuppressed()) {
                known = known(s);
                if (known != null) {
                    return known;
                }
            }
        }
        return scrub(String.valueOf(e.getMessage()));
    }

    private static String known(Throwable t) {
        if (t instanceof ConnectException) {
            return "connection refused";
        } else if (t instanceof UnknownHostException) {
            return "unknown host";
        } else if (t instanceof NoRouteToHostException) {
            return "no route to host";
        } else if (t instanceof SocketTimeoutException) {
            return "timed out";
        } else if (t instanceof SSLException) {
            return "TLS handshake failed (" + t.getClass().getSimpleName() + ")";
        }
        return null;
    }

    private String scrub(String text) {
        return uri.secret().map(s -> s.scrub(text)).orElse(text == null ? "" : text);
    }

    /** The cause for {@code --verbose}, or a scrubbed stand-in if any message in it holds the password. */
    private Throwable safe(Throwable e) {
        if (uri.secret().isEmpty()) {
            return e;
        }
        String secret = uri.secret().get().reveal();
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && t.getMessage().contains(secret)) {
                return new RuntimeException(e.getClass().getName() + ": " + scrub(e.getMessage()));
            }
        }
        return e;
    }
}
