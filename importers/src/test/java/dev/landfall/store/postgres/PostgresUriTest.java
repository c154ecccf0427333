package dev.landfall.store.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.landfall.core.error.ErrorKind;
import dev.landfall.core.error.LandfallException;
import dev.landfall.core.spi.StoreUri;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Parsing and masking of postgres:// URIs. */
class PostgresUriTest {
    private static PostgresUri parse(String text) {
        return PostgresUri.parse(StoreUri.parse(text));
    }

    @Test
    void parsesEveryPart() {
        PostgresUri u = parse("postgres://app:s3cret@db.internal:6543/landfall?schema=imports&sslmode=require");
        assertEquals("app", u.user());
        assertEquals("s3cret", u.password().orElseThrow().reveal());
        assertEquals("db.internal", u.host());
        assertEquals(6543, u.port());
        assertEquals("landfall", u.database());
        assertEquals("imports", u.schema());
        assertEquals(Optional.of("require"), u.sslmode());
        assertEquals("postgres://app:****@db.internal:6543/landfall?schema=imports&sslmode=require", u.label());
        assertEquals("\"imports\"", u.quotedSchema());
    }

    @Test
    void defaultsPortSchemaAndNoPassword() {
        PostgresUri u = parse("postgresql://app@db/app");
        assertEquals(5432, u.port());
        assertEquals("public", u.schema());
        assertTrue(u.password().isEmpty());
        assertTrue(u.sslmode().isEmpty());
        assertEquals("postgresql://app@db/app", u.label());
    }

    @Test
    void percentDecodesUserPasswordAndDatabase() {
        PostgresUri u = parse("postgres://my%40user:p%2Fa%3Ass%40w%C3%B6rd+@db/my%20db");
        assertEquals("my@user", u.user());
        assertEquals("p/a:ss@wörd+", u.password().orElseThrow().reveal());
        assertEquals("my db", u.database());
        assertFalse(u.label().contains("w%C3%B6rd"), u.label());
    }

    @Test
    void ipv6HostsAreBracketed() {
        PostgresUri u = parse("postgres://app@[::1]:5433/app");
        assertEquals("::1", u.host());
        assertEquals(5433, u.port());
        assertEquals("[::1]", u.urlHost());
    }

    @Test
    void writersDefaultToOneForAServerOnThisHostWhateverTheCores() {
        for (String host : List.of("localhost", "LOCALHOST", "db.localhost", "127.0.0.1", "127.1.2.3", "[::1]")) {
            assertEquals(1, parse("postgres://app@" + host + ":5432/app").writers(), host);
        }
        assertEquals(3, parse("postgres://app@127.0.0.1/app?writers=3").writers());
    }

    @Test
    void writersDefaultToOnePerCoreUpToFourAndCanBeSet() {
        int cores = Runtime.getRuntime().availableProcessors();
        assertEquals(Math.min(4, cores), parse("postgres://app@db/app").writers());
        assertEquals(1, parse("postgres://app@db/app?writers=1").writers());
        assertEquals(16, parse("postgres://app@db/app?schema=s&writers=16").writers());
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "17", "-1", "four", "1.5", "0004"})
    void writersOutsideOneToSixteenAreUsageErrors(String value) {
        LandfallException e =
                assertThrows(LandfallException.class, () -> parse("postgres://app@db/app?writers=" + value));
        assertEquals(ErrorKind.USAGE, e.kind());
        assertEquals(
                "store postgres://app@db/app?writers=" + value + ": writers '" + value
                        + "' is not a number from 1 to 16",
                e.getMessage());
        assertTrue(e.hint().orElseThrow().contains("writers=4"), e.hint().orElseThrow());
    }

    @Test
    void masksPasswordsThatBreakTheCoreMask() {
        // A raw '/' or '@' in the password is malformed, but must still never be printed.
        for (String text : new String[] {
            "postgres://app:pa/ss@db/app", "postgres://app:p@ss@db/app", "postgres://app:x@db/app?password=leak"
        }) {
            String label = PostgresUri.mask(StoreUri.parse(text));
            assertFalse(label.contains("pa/ss") || label.contains("p@ss") || label.contains("leak"), label);
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "postgres:db/app",
                "postgres://db/app",
                "postgres://app@db",
                "postgres://app@db/",
                "postgres://app@:5432/app",
                "postgres://app@db:99999/app",
                "postgres://app@db:port/app",
                "postgres://app@[::1/app",
                "postgres://app@db/app?schema=",
                "postgres://app@db/app?schema=has space",
                "postgres://app@db/app?schema=1abc",
                "postgres://app@db/app?schema=a&schema=b",
                "postgres://app@db/app?sslmode=maybe",
                "postgres://app@db/app?password=x",
                "postgres://app@db/app%zz",
                "postgres://app@db/app%ff"
            })
    void malformedUrisAreUsageErrorsNamingTheUri(String text) {
        LandfallException e = assertThrows(LandfallException.class, () -> parse(text));
        assertEquals(ErrorKind.USAGE, e.kind());
        assertTrue(e.getMessage().startsWith("store postgres:"), e.getMessage());
        assertTrue(e.hint().isPresent());
        assertFalse(e.getMessage().contains("password=x"), e.getMessage());
    }

    @Test
    void theWrittenPasswordNeverAppearsInAUsageError() {
        LandfallException e =
                assertThrows(LandfallException.class, () -> parse("postgres://app:hunter2@db:notaport/app"));
        assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
        assertTrue(e.getMessage().contains("postgres://app:****@db:notaport/app"), e.getMessage());
    }
}
