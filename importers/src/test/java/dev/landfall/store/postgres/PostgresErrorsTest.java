package dev.landfall.store.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.landfall.core.error.ErrorKind;
import dev.landfall.core.error.LandfallException;
import dev.landfall.core.spi.StoreUri;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ConnectException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;
import org.postgresql.util.ServerErrorMessage;

/** SQLState to error kind, with the password scrubbed from everything. */
class PostgresErrorsTest {
    private static final String PASSWORD = "hunter2-secret";
    private final PostgresUri uri = PostgresUri.parse(StoreUri.parse("postgres://app:" + PASSWORD + "@db:5432/app"));
    private final PostgresErrors errors = new PostgresErrors(uri, new PgPassword(java.util.Map.of(), null).forUri(uri));

    private static SQLException server(String state, String message) {
        return new PSQLException(new ServerErrorMessage("SERROR\0C" + state + "\0M" + message + "\0"));
    }

    private static String everything(LandfallException e) {
        StringWriter out = new StringWriter();
        e.printStackTrace(new PrintWriter(out));
        return out + " " + e.hint().orElse("");
    }

    private LandfallException doing(String state) {
        return errors.doing("flushing", server(state, "something about " + PASSWORD));
    }

    @Test
    void kindsFollowTheSqlState() {
        assertEquals(ErrorKind.REJECTED, doing("28P01").kind());
        assertEquals(ErrorKind.REJECTED, doing("28000").kind());
        assertEquals(ErrorKind.REJECTED, doing("3D000").kind());
        assertEquals(ErrorKind.REJECTED, doing("42501").kind());
        assertEquals(ErrorKind.REJECTED, doing("25006").kind());
        assertEquals(ErrorKind.TRANSIENT, doing("08006").kind());
        assertEquals(ErrorKind.TRANSIENT, doing("40001").kind());
        assertEquals(ErrorKind.TRANSIENT, doing("40P01").kind());
        assertEquals(ErrorKind.TRANSIENT, doing("57P01").kind());
        assertEquals(ErrorKind.TRANSIENT, doing("53300").kind());
        assertEquals(ErrorKind.FAILED, doing("23505").kind());
        assertEquals(ErrorKind.FAILED, doing("53100").kind());
        assertEquals(ErrorKind.FAILED, doing("XX000").kind());
    }

    @Test
    void thePasswordIsScrubbedFromMessagesAndCauses() {
        for (String state : new String[] {"28P01", "28000", "42501", "25006", "08006", "23505", "XX000", "57P01"}) {
            LandfallException e = doing(state);
            String all = everything(e);
            assertFalse(all.contains(PASSWORD), state + ": " + all);
            assertTrue(e.getMessage().contains("postgres://app:****@db:5432/app"), e.getMessage());
        }
    }

    @Test
    void aRefusedConnectionIsTransientAndSaysSo() {
        SQLException refused = new PSQLException(
                "Connection to db:5432 refused.", PSQLState.CONNECTION_UNABLE_TO_CONNECT, new ConnectException("x"));
        LandfallException e = errors.connecting(refused);
        assertEquals(ErrorKind.TRANSIENT, e.kind());
        assertEquals("cannot reach postgres://app:****@db:5432/app: connection refused", e.getMessage());
        assertEquals(
                "is the server running at db:5432? check host and port",
                e.hint().orElseThrow());
    }

    @Test
    void aWrongPasswordNamesWhereThePasswordCameFrom() {
        LandfallException e = errors.connecting(server("28P01", "password authentication failed for user \"app\""));
        assertEquals(ErrorKind.REJECTED, e.kind());
        String hint = e.hint().orElseThrow();
        assertTrue(hint.contains("the URI") && hint.contains("PGPASSWORD") && hint.contains("~/.pgpass"), hint);
    }

    @Test
    void aMissingDatabaseSuggestsCreatedb() {
        LandfallException e = errors.connecting(server("3D000", "database \"app\" does not exist"));
        assertEquals(ErrorKind.REJECTED, e.kind());
        assertTrue(
                e.hint().orElseThrow().contains("createdb -h db -p 5432 -U app app"),
                e.hint().orElseThrow());
    }

    @Test
    void noPasswordGivenIsRejected() {
        LandfallException e = errors.connecting(new PSQLException(
                "The server requested SCRAM-based authentication, but no password was provided.",
                PSQLState.CONNECTION_REJECTED));
        assertEquals(ErrorKind.REJECTED, e.kind());
        assertTrue(e.getMessage().contains("asks for a password"), e.getMessage());
    }
}
