package dev.landfall.store.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.landfall.core.spi.StoreUri;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Passwords as libpq finds them: URI, then PGPASSWORD, then the password file. */
class PgPasswordTest {
    @TempDir
    Path home;

    private Path pgpass(String... lines) throws IOException {
        Path file = home.resolve(".pgpass");
        Files.write(file, List.of(lines));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return file;
    }

    private static String found(PgPassword p, String host, String port, String db, String user) {
        return p.lookup(host, port, db, user).secret().map(s -> s.reveal()).orElse(null);
    }

    @Test
    void theUriPasswordComesFirst() throws IOException {
        pgpass("*:*:*:*:from-file");
        PgPassword p = new PgPassword(Map.of("PGPASSWORD", "from-env"), home);
        PostgresUri uri = PostgresUri.parse(StoreUri.parse("postgres://app:from-uri@db:5432/app"));
        PgPassword.Found f = p.forUri(uri);
        assertEquals("from-uri", f.secret().orElseThrow().reveal());
        assertEquals("the URI", f.source());
    }

    @Test
    void pgpasswordComesBeforeTheFile() throws IOException {
        pgpass("*:*:*:*:from-file");
        PgPassword p = new PgPassword(Map.of("PGPASSWORD", "from-env"), home);
        PgPassword.Found f = p.forUri(PostgresUri.parse(StoreUri.parse("postgres://app@db/app")));
        assertEquals("from-env", f.secret().orElseThrow().reveal());
        assertEquals("PGPASSWORD", f.source());
    }

    @Test
    void anEmptyPgpasswordIsIgnored() throws IOException {
        pgpass("*:*:*:*:from-file");
        assertEquals("from-file", found(new PgPassword(Map.of("PGPASSWORD", ""), home), "h", "5432", "d", "u"));
    }

    @Test
    void theFirstMatchingLineWins() throws IOException {
        Path file = pgpass(
                "# comment:*:*:*:nope",
                "other:5432:app:app:wrong-host",
                "db.internal:5433:app:app:wrong-port",
                "db.internal:5432:other:app:wrong-db",
                "db.internal:5432:app:someone:wrong-user",
                "db.internal:5432:app:app:right",
                "*:*:*:*:fallback");
        PgPassword p = new PgPassword(Map.of(), home);
        PgPassword.Found f = p.lookup("db.internal", "5432", "app", "app");
        assertEquals("right", f.secret().orElseThrow().reveal());
        assertEquals(file + " line 6", f.source());
        assertEquals("fallback", found(p, "elsewhere", "1", "x", "y"));
    }

    @Test
    void wildcardsMatchAnyValueOfTheirField() throws IOException {
        pgpass("*:5432:*:app:s3cret");
        PgPassword p = new PgPassword(Map.of(), home);
        assertEquals("s3cret", found(p, "anyhost", "5432", "anydb", "app"));
        assertEquals(null, found(p, "anyhost", "5433", "anydb", "app"));
        assertEquals(null, found(p, "anyhost", "5432", "anydb", "other"));
    }

    @Test
    void backslashEscapesColonsAndBackslashes() throws IOException {
        pgpass("fe80\\:\\:1:5432:a\\\\b:app:pa\\:ss\\\\word:tail");
        PgPassword p = new PgPassword(Map.of(), home);
        assertEquals("pa:ss\\word:tail", found(p, "fe80::1", "5432", "a\\b", "app"));
    }

    @Test
    void fieldsSplitAtUnescapedColonsOnly() {
        assertEquals(List.of("h", "5432", "d", "u", "p:w"), PgPassword.fields("h:5432:d:u:p:w"));
        assertEquals(List.of("h:x", "1", "d", "u", ""), PgPassword.fields("h\\:x:1:d:u:"));
        assertEquals(List.of("short", "line"), PgPassword.fields("short:line"));
    }

    @Test
    void pgpassfileNamesAnotherFile() throws IOException {
        Path other = home.resolve("elsewhere.conf");
        Files.write(other, List.of("*:*:*:*:from-pgpassfile"));
        Files.setPosixFilePermissions(other, PosixFilePermissions.fromString("rw-------"));
        pgpass("*:*:*:*:from-home");
        PgPassword p = new PgPassword(Map.of("PGPASSFILE", other.toString()), home);
        assertEquals("from-pgpassfile", found(p, "h", "5432", "d", "u"));
    }

    @Test
    void aFileOthersMayReadIsIgnoredAndTheHintSaysWhy() throws IOException {
        Path file = pgpass("*:*:*:*:leaky");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        PgPassword.Found f = new PgPassword(Map.of(), home).lookup("h", "5432", "d", "u");
        assertFalse(f.secret().isPresent());
        assertTrue(f.source().contains("chmod 600"), f.source());
        assertFalse(f.source().contains("leaky"), f.source());
    }

    @Test
    void nothingFoundSaysWhereItLooked() {
        PgPassword.Found f = new PgPassword(Map.of(), home).lookup("h", "5432", "d", "u");
        assertFalse(f.secret().isPresent());
        assertTrue(f.source().contains(".pgpass"), f.source());
        PgPassword.Found noHome = new PgPassword(Map.of(), null).lookup("h", "5432", "d", "u");
        assertFalse(noHome.secret().isPresent());
    }

    @Test
    void portDefaultsTo5432WhenMatchingAUriWithoutOne() throws IOException {
        pgpass("db:5432:app:app:default-port");
        PgPassword.Found f =
                new PgPassword(Map.of(), home).forUri(PostgresUri.parse(StoreUri.parse("postgres://app@db/app")));
        assertEquals("default-port", f.secret().orElseThrow().reveal());
    }
}
