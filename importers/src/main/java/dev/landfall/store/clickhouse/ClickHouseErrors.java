package dev.landfall.store.clickhouse;

import com.clickhouse.client.api.ServerException;
import dev.landfall.core.config.Secret;
import dev.landfall.core.error.LandfallException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Turns what the ClickHouse client throws into {@link LandfallException}s, in one place: a
 * refused or timed-out connection is TRANSIENT, a wrong user or password, a missing database or
 * a read-only user REJECTED, any other server error FAILED with the server's code and message.
 * The password never reaches a message.
 */
final class ClickHouseErrors {
    // Server error codes (ClickHouse's ErrorCodes.cpp); 192..194 are 18.x's login errors, 516 today's.
    private static final int UNKNOWN_DATABASE = 81;
    private static final int READONLY = 164;
    private static final int UNKNOWN_USER = 192;
    private static final int WRONG_PASSWORD = 193;
    private static final int REQUIRED_PASSWORD = 194;
    private static final int NOT_ENOUGH_PRIVILEGES = 497;
    private static final int AUTHENTICATION_FAILED = 516;

    private static final java.util.regex.Pattern CODE = java.util.regex.Pattern.compile("Code: (\\d+)");

    private ClickHouseErrors() {}

    /**
     * @param doing what was being done, for the message ("creating table app.events")
     */
    static LandfallException translate(Throwable error, ClickHouseLocation where, String doing) {
        Throwable e = unwrap(error);
        Optional<Secret> pw = where.password();
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ServerException s) {
                String msg = scrub(pw, firstLine(s.getMessage()));
                return switch (code(s)) {
                    case UNKNOWN_USER, WRONG_PASSWORD, REQUIRED_PASSWORD, AUTHENTICATION_FAILED ->
                        LandfallException.rejected(
                                where + ": login as '" + where.user() + "' refused while " + doing + " (" + msg + ")",
                                "check the user and password in the URI or CLICKHOUSE_USER / CLICKHOUSE_PASSWORD");
                    case UNKNOWN_DATABASE ->
                        LandfallException.rejected(
                                where + ": database '" + where.database() + "' does not exist",
                                "create it first: CREATE DATABASE " + where.database());
                    case READONLY, NOT_ENOUGH_PRIVILEGES ->
                        LandfallException.rejected(
                                where + ": user '" + where.user() + "' may not do this while " + doing + " (" + msg
                                        + ")",
                                "grant the user CREATE TABLE, ALTER and INSERT on " + where.database()
                                        + ", or use another user");
                    default ->
                        LandfallException.failed(
                                where + ": server error " + code(s) + " while " + doing + ": " + msg,
                                "see the server's message above; the table's earlier batches are in");
                };
            }
            if (t instanceof ConnectException
                    || t instanceof SocketTimeoutException
                    || t instanceof UnknownHostException) {
                return LandfallException.transientFailure(
                        where + ": cannot reach ClickHouse at " + where.endpoint() + " while " + doing + " ("
                                + t.getClass().getSimpleName() + ")",
                        "check that the server runs and listens there, then run the command again",
                        e);
            }
        }
        if (e instanceof com.clickhouse.client.api.ConnectionInitiationException) {
            return LandfallException.transientFailure(
                    where + ": cannot connect to " + where.endpoint() + " while " + doing,
                    "check that the server runs and listens there, then run the command again",
                    e);
        }
        return LandfallException.failed(
                where + ": " + doing + " failed: " + scrub(pw, firstLine(String.valueOf(e.getMessage()))),
                "run again with --verbose for the cause",
                e);
    }

    // 18.16 sends no X-ClickHouse-Exception-Code header, so the client reports code 0; the code is
    // then only in the message: "Code: 193, e.displayText() = …".
    private static int code(ServerException s) {
        if (s.getCode() != 0) {
            return s.getCode();
        }
        java.util.regex.Matcher m = CODE.matcher(String.valueOf(s.getMessage()));
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }

    private static Throwable unwrap(Throwable e) {
        while ((e instanceof ExecutionException || e instanceof CompletionException) && e.getCause() != null) {
            e = e.getCause();
        }
        return e;
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        String line = nl < 0 ? s : s.substring(0, nl);
        return line.length() > 300 ? line.substring(0, 300) + "…" : line;
    }

    private static String scrub(Optional<Secret> pw, String s) {
        return pw.map(p -> p.scrub(s)).orElse(s);
    }
}
