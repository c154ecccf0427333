package dev.landfall.store.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.landfall.core.error.ErrorKind;
import dev.landfall.core.error.LandfallException;
import dev.landfall.core.spi.StoreProvider;
import dev.landfall.core.spi.StoreUri;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RedisStoreUriTest {
    private static RedisStoreUri parse(String text) {
        return RedisStoreUri.parse(StoreUri.parse(text));
    }

    private static LandfallException fails(String text) {
        LandfallException e = assertThrows(LandfallException.class, () -> parse(text));
        assertEquals(ErrorKind.USAGE, e.kind());
        assertTrue(e.hint().isPresent());
        return e;
    }

    @Test
    void everyPartHasADefault() {
        RedisStoreUri uri = parse("redis://cache.internal");
        assertFalse(uri.tls());
        assertNull(uri.user());
        assertTrue(uri.secret().isEmpty());
        assertEquals("cache.internal", uri.host());
        assertEquals(6379, uri.port());
        assertEquals(0, uri.database());
        assertEquals("lf:", uri.prefix());
        assertEquals("redis://cache.internal", uri.label());
    }

    @Test
    void everyPartIsRead() {
        RedisStoreUri uri = parse("rediss://app:s3cret@10.0.0.5:6380/7?prefix=tenant-a:kv");
        assertTrue(uri.tls());
        assertEquals("app", uri.user());
        assertEquals("s3cret", uri.secret().orElseThrow().reveal());
        assertEquals("10.0.0.5", uri.host());
        assertEquals(6380, uri.port());
        assertEquals(7, uri.database());
        assertEquals("tenant-a:kv", uri.prefix());
        assertEquals("rediss://app:****@10.0.0.5:6380/7?prefix=tenant-a:kv", uri.label());
        assertEquals(uri.label(), uri.toString());
    }

    @Test
    void writersDefaultToOnePerCoreUpToFourAndCanBeSet() {
        assertEquals(
                Math.min(4, Runtime.getRuntime().availableProcessors()),
                parse("redis://h").writers());
        assertEquals(1, parse("redis://h/2?prefix=a:&writers=1").writers());
        assertEquals(16, parse("rediss://h?writers=16").writers());
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "17", "x", ""})
    void writersOutsideOneToSixteenAreUsageErrors(String value) {
        LandfallException e = fails("redis://h?writers=" + value);
        assertTrue(
                e.getMessage().startsWith("store redis://h?writers=" + value + ": writers '" + value + "'"),
                e.getMessage());
    }

    @Test
    void aPasswordWithoutUserIsForTheDefaultUser() {
        RedisStoreUri uri = parse("redis://:pw@localhost/1");
        assertNull(uri.user());
        assertEquals("pw", uri.secret().orElseThrow().reveal());
        assertEquals("redis://:****@localhost/1", uri.label());
    }

    @Test
    void aUserWithoutPasswordIsKept() {
        RedisStoreUri uri = parse("redis://reader@localhost");
        assertEquals("reader", uri.user());
        assertTrue(uri.secret().isEmpty());
        assertEquals("redis://reader@localhost", uri.label());
    }

    @Test
    void userAndPasswordArePercentDecodedAndRawSpecialCharactersStillParse() {
        RedisStoreUri encoded = parse("redis://us%65r:p%40ss%2Fw%3Frd%C3%A9@h:1/2");
        assertEquals("user", encoded.user());
        assertEquals("p@ss/w?rdé", encoded.secret().orElseThrow().reveal());
        RedisStoreUri raw = parse("redis://u:p@ss/w?rd:x@h:1/2?prefix=a:");
        assertEquals("p@ss/w?rd:x", raw.secret().orElseThrow().reveal());
        assertEquals("h", raw.host());
        assertEquals(2, raw.database());
        assertEquals("a:", raw.prefix());
        assertEquals("redis://u:****@h:1/2?prefix=a:", raw.label());
    }

    @Test
    void ipv6HostsAreBracketed() {
        RedisStoreUri uri = parse("redis://[::1]:7000/3");
        assertEquals("::1", uri.host());
        assertEquals(7000, uri.port());
        assertEquals(3, uri.database());
        assertEquals("::1", parse("redis://[::1]").host());
    }

    @Test
    void aTrailingSlashMeansDatabaseZero() {
        assertEquals(0, parse("redis://h/").database());
        assertEquals(0, parse("redis://h/?prefix=x").database());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "redis:localhost",
                "redis://",
                "redis://:6379",
                "redis://h:0",
                "redis://h:65536",
                "redis://h:port",
                "redis://h/-1",
                "redis://h/one",
                "redis://h/1/2",
                "redis://h?prefx=a",
                "redis://h?prefix",
                "redis://h?prefix=",
                "redis://h?prefix=a&prefix=b",
                "redis://h?prefix=a*",
                "redis://h?prefix=has space",
                "redis://h?prefix=ppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppp",
                "redis://[::1",
                "redis://u:p%4@h"
            })
    void malformedUrisAreUsageErrors(String text) {
        LandfallException e = fails(text);
        assertTrue(e.getMessage().startsWith("store redis:"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "redis://app:hunter2@h:notaport/0",
                "redis://app:hunter2@h/x",
                "redis://app:hunter2@h?prefix=*",
                "redis:app:hunter2@h",
                "redis://app:hun%zzter2@h",
                "redis://app:hunter2@"
            })
    void errorsNeverShowThePassword(String text) {
        LandfallException e = fails(text);
        assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
        assertFalse(e.getMessage().contains("hun"), e.getMessage());
    }

    @Test
    void aBlankPasswordIsAUsageError() {
        fails("redis://u:%20@h");
    }

    @Test
    void cacertNamesThePemFileOfTheCaToTrustPercentDecoded() {
        RedisStoreUri uri = parse("rediss://h:6380/0?prefix=p:&cacert=/etc/ssl/my%20ca.pem");
        assertEquals(
                java.nio.file.Path.of("/etc/ssl/my ca.pem"),
                uri.caCertificates().orElseThrow());
        assertEquals("p:", uri.prefix());
        assertTrue(parse("rediss://h").caCertificates().isEmpty(), "without it, the JVM's trust store");
    }

    @Test
    void cacertIsRefusedWithoutTlsEmptyOrTwice() {
        assertTrue(fails("redis://h?cacert=/ca.pem").getMessage().contains("cacert= is for TLS connections"));
        assertTrue(fails("rediss://h?cacert=").getMessage().contains("cacert= names no file"));
        assertTrue(fails("rediss://h?cacert=/a&cacert=/b").getMessage().contains("option cacert is given twice"));
        assertTrue(fails("rediss://h?ca=/a")
                .getMessage()
                .contains("the options are prefix=P, writers=N and, with rediss://," + " cacert=PATH"));
    }

    @Test
    void bothSchemesAreRegistered() {
        boolean redis = false;
        boolean rediss = false;
        for (StoreProvider p : ServiceLoader.load(StoreProvider.class)) {
            redis |= p instanceof RedisStoreProvider && p.scheme().equals("redis");
            rediss |= p instanceof RedisTlsStoreProvider && p.scheme().equals("rediss");
        }
        assertTrue(redis && rediss);
        assertTrue(new RedisStoreProvider().usage().startsWith("redis://"));
        assertTrue(new RedisTlsStoreProvider().usage().startsWith("rediss://"));
    }
}
