package dev.landfall.store.postgres;

import dev.landfall.core.config.HostPort;
import dev.landfall.core.config.Secret;
import dev.landfall.core.error.LandfallException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.util.Objects;
import java.util.Optional;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * The one place that turns the PostgreSQL driver's {@link SQLException}s into {@link
 * LandfallException}s (STYLE.md §5): SQLState {@code 08*}, {@code 40001}, {@code 40P01} and server
 * shutdowns are {@code TRANSIENT}; wrong passwords, missing databases, missing privileges and
 * read-only servers are {@code REJECTED}; the rest {@code FAILED}.
 *
 * <p>Every message names the store by its masked URI and is scrubbed of the password, and the
 * driver's exception is kept only as a scrubbed copy without its own cause chain, so neither a
 * message nor {@code --verbose} can show the password.
 */
final class PostgresErrors {
    private static final String RERUN =
            "the batch was not applied; rerun the command (or --resume) once the server" + " is reachable again";

    private final PostgresUri uri;
    private final PgPassword.Found password;

    PostgresErrors(PostgresUri uri, PgPassword.Found password) {
        this.uri = Objects.requireNonNull(uri, "uri");
        this.password = Objects.requireNonNull(password, "password");
    }

    /** An error while connecting. */
    LandfallException connecting(SQLException e) {
        String state = Objects.toString(e.getSQLState(), "");
        String message = message(e);
        if (state.startsWith("08") && message.contains("no password was provided")) {
            return LandfallException.rejected(
                    "store " + uri.label() + " asks for a password for user '" + uri.user() + "' and none was found ("
                            + password.source() + ")",
                    passwordHint());
        }
        if (state.equals("08004")) {
            return LandfallException.rejected(
                    "store " + uri.label() + " refused the connection: " + message,
                    "check the sslmode option and the server's pg_hba.conf for this user, host and database");
        }
        if (state.startsWith("08")) {
            return LandfallException.transientFailure(
                    "cannot reach " + uri.label() + ": " + unreachable(e, message),
                    "is the server running at " + new HostPort(uri.host(), uri.port()) + "? check host and port",
                    scrubbed(e));
        }
        return doing("connecting", e);
    }

    /** An error while doing something, such as {@code "flushing 10000 entries of kv namespace X"}. */
    LandfallException doing(String what, SQLException e) {
        String state = Objects.toString(e.getSQLState(), "");
        String message = message(e);
        String where = "store " + uri.label() + ": " + what + " failed: ";
        if (state.equals("28P01")) {
            return LandfallException.rejected(
                    "store " + uri.label() + " refused the password for user '" + uri.user() + "'", passwordHint());
        }
        if (state.startsWith("28")) {
            return LandfallException.rejected(
                    "store " + uri.label() + " refused user '" + uri.user() + "': " + message,
                    "check that the role exists and that pg_hba.conf lets it connect from this host to database '"
                            + uri.database() + "'");
        }
        if (state.equals("3D000")) {
            return LandfallException.rejected(
                    "store " + uri.label() + ": database '" + uri.database() + "' does not exist",
                    "create it (createdb -h " + uri.host() + " -p " + uri.port() + " -U " + uri.user() + " "
                            + uri.database() + ") or fix the database name in the URI");
        }
        if (state.equals("42501")) {
            return LandfallException.rejected(
                    where + message,
                    "grant user '" + uri.user() + "' the privilege PostgreSQL names (for example GRANT USAGE, CREATE"
                            + " ON SCHEMA " + uri.quotedSchema() + " TO " + uri.user()
                            + "), or point --to at a schema it owns");
        }
        if (state.equals("25006")) {
            return LandfallException.rejected(
                    "store " + uri.label() + " is read-only: " + what + " failed: " + message,
                    "point --to at a writable primary, not a replica, or turn off default_transaction_read_only for"
                            + " this database or role");
        }
        if (state.equals("3F000") || state.equals("22021") || state.equals("22P05")) {
            return LandfallException.rejected(where + message, "fix the URI or the data PostgreSQL names");
        }
        if (transientState(state)) {
            return LandfallException.transientFailure(where + message, RERUN, scrubbed(e));
        }
        if (state.equals("53100")) {
            return LandfallException.failed(
                    where + message, "free disk space on the database server, then rerun with --resume", scrubbed(e));
        }
        if (state.startsWith("23")) {
            return LandfallException.failed(
                    where + message + detail(e),
                    "another program may be writing the same tables; Landfall's merge never violates them itself",
                    scrubbed(e));
        }
        return LandfallException.failed(
                where + message + " (SQLSTATE " + state + ")",
                "see the PostgreSQL server log; rerun with --verbose for the driver's error",
                scrubbed(e));
    }

    private static boolean transientState(String state) {
        return state.startsWith("08")
                || state.equals("40001") // serialization failure
                || state.equals("40P01") // deadlock
                || state.equals("55P03") // lock not available
                || state.equals("53300") // too many connections
                || state.equals("53200") // out of memory
                || state.equals("57014") // query cancelled
                || state.startsWith("57P"); // server shutting down, connection terminated
    }

    private String passwordHint() {
        return "check the password (used: " + password.source() + "); give it in the URI"
                + " (postgres://USER:PASSWORD@HOST/DB), in PGPASSWORD or in ~/.pgpass as HOST:PORT:DB:USER:PASSWORD";
    }

    private static String unreachable(SQLException e, String message) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException) {
                return "connection refused";
            }
            if (t instanceof UnknownHostException) {
                return "unknown host";
            }
            if (t instanceof NoRouteToHostException) {
                return "no route to host";
            }
            if (t instanceof SocketTimeoutException) {
                return "connection timed out";
            }
        }
        return message;
    }

    /** The server's primary message if there is one (no query text, no position), scrubbed. */
    private String message(SQLException e) {
        String text = null;
        if (e instanceof PSQLException p && p.getServerErrorMessage() != null) {
            text = p.getServerErrorMessage().getMessage();
        }
        if (text == null) {
            text = e.getMessage();
        }
        return scrub(text == null ? e.getClass().getSimpleName() : text);
    }

    private String detail(SQLException e) {
        if (e instanceof PSQLException p) {
            ServerErrorMessage m = p.getServerErrorMessage();
            if (m != null && m.getDetail() != null) {
                return " (" + scrub(m.getDetail()) + ")";
            }
        }
        return "";
    }

    private String scrub(String text) {
        Optional<Secret> secret = password.secret();
        return secret.isPresent() ? secret.get().scrub(text) : text;
    }

    /** A copy of the driver's exception for {@code --verbose}: scrubbed message, no cause chain. */
    private SQLException scrubbed(SQLException e) {
        SQLException copy = new SQLException(scrub(Objects.toString(e.getMessage(), "")), e.getSQLState());
        copy.setStackTrace(e.getStackTrace());
        return copy;
    }
}
