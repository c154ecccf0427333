package dev.landfall.store.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.landfall.core.error.ErrorKind;
import dev.landfall.core.error.LandfallException;
import dev.landfall.core.model.DurableObject;
import dev.landfall.core.model.Entry;
import dev.landfall.core.model.Key;
import dev.landfall.core.model.KvNamespace;
import dev.landfall.core.spi.Checkpoint;
import dev.landfall.core.spi.Cursor;
import dev.landfall.core.spi.ScopeWriter;
import dev.landfall.core.spi.Store;
import dev.landfall.core.spi.StoreUri;
import dev.landfall.core.spi.WriteMode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Each way the real server refuses or cannot be reached: the error kind (and so the exit code),
 * a message naming the store with its password masked, a hint, and never the password.
 */
class RedisErrorsIT {
    private static final KvNamespace KV = new KvNamespace("0f2ac74b498b48028cb68387c421e279", "SESSIONS");
    private static final String SECRET = "s3cret-Pa55word";

    private RedisAdmin admin;
    private String prefix;

    @BeforeEach
    void connect() {
        admin = RedisAdmin.connect();
        prefix = RedisAdmin.prefixFor("errors-" + System.nanoTime());
    }

    @AfterEach
    void cleanUp() {
        admin.drop(prefix);
        admin.close();
    }

    private static LandfallException openFails(String uri) {
        return assertThrows(LandfallException.class, () -> new RedisStoreProvider().open(StoreUri.parse(uri)));
    }

    private static void assertNamesStoreWithoutSecret(LandfallException e, String masked) {
        assertTrue(e.getMessage().contains(masked), e.getMessage());
        assertFalse(e.getMessage().contains(SECRET), e.getMessage());
        assertTrue(e.hint().isPresent());
        assertFalse(e.hint().get().contains(SECRET), e.hint().get());
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
            assertFalse(String.valueOf(t.getMessage()).contains(SECRET), t.toString());
        }
    }

    @Test
    void aWrongPasswordIsRejected() {
        String uri = admin.url("landfall", SECRET, 0, prefix);
        LandfallException e = openFails(uri);
        assertEquals(ErrorKind.REJECTED, e.kind());
        assertEquals(2, e.exitCode());
        assertTrue(e.getMessage().contains("WRONGPASS"), e.getMessage());
        assertTrue(e.hint().orElseThrow().contains("password"), e.hint().orElseThrow());
        assertNamesStoreWithoutSecret(e, "redis://landfall:****@");
    }

    @Test
    void aPortNobodyListensOnIsTransient() {
        LandfallException e = openFails("redis://landfall:" + SECRET + "@127.0.0.1:1/0");
        assertEquals(ErrorKind.TRANSIENT, e.kind());
        assertEquals(1, e.exitCode());
        assertEquals("cannot reach redis://landfall:****@127.0.0.1:1/0: connection refused", e.getMessage());
        assertEquals(
                "is the server running at 127.0.0.1:1? check host and port",
                e.hint().orElseThrow());
        assertNamesStoreWithoutSecret(e, "127.0.0.1:1");
    }

    @Test
    void aDatabaseOutOfRangeIsAUsageError() {
        String uri = RedisAdmin.url(prefix).replaceFirst("/0\\?", "/99?");
        assertTrue(uri.contains("/99?"), "the test server URI names database 0");
        LandfallException e = openFails(uri);
        assertEquals(ErrorKind.USAGE, e.kind());
        assertTrue(e.getMessage().contains("database 99"), e.getMessage());
        assertTrue(e.getMessage().contains("out of range"), e.getMessage());
        assertTrue(e.hint().orElseThrow().contains("databases"), e.hint().orElseThrow());
        assertFalse(e.getMessage().contains("landfall-test"), e.getMessage());
    }

    @Test
    void aUserWithoutWritePermissionReadsButIsRejectedWhenWriting() throws IOException {
        String user = "lf-ro-" + Long.toHexString(System.nanoTime());
        List<Entry> entries = List.of(new Entry(KV, Key.of("a"), "1".getBytes(StandardCharsets.UTF_8), null, null));
        try (Store writer = new RedisStoreProvider().open(StoreUri.parse(RedisAdmin.url(prefix)))) {
            try (ScopeWriter w = writer.open(KV, WriteMode.UPSERT)) {
                w.put(entries.get(0));
                w.flush();
            }
        }
        // Make the index stale, so reading tries (and may not) repair it.
        admin.jedis().del(prefix + "kv:" + KV.namespaceId() + ":v:gone");
        admin.jedis().zadd(prefix + "kv:" + KV.namespaceId() + ":idx", 0, "gone");
        admin.createUser(user, SECRET, "+@read");
        try (Store store = new RedisStoreProvider().open(StoreUri.parse(admin.url(user, SECRET, 0, prefix)))) {
            try (Cursor<Entry> c = store.entries(KV, Checkpoint.START)) {
                assertTrue(c.next());
                assertEquals(entries.get(0), c.current());
                assertFalse(c.next());
            }
            LandfallException kv = assertThrows(LandfallException.class, () -> store.open(KV, WriteMode.UPSERT));
            assertEquals(ErrorKind.REJECTED, kv.kind());
            assertTrue(kv.getMessage().contains("NOPERM"), kv.getMessage());
            assertTrue(
                    kv.hint().orElseThrow().contains("ACL SETUSER " + user),
                    kv.hint().orElseThrow());
            assertNamesStoreWithoutSecret(kv, "redis://" + user + ":****@");

            DurableObject object = new DurableObject("5d3c8e1f2a4b6c7d8e9f0a1b2c3d4e5f", "c0ffee");
            for (WriteMode mode : List.of(WriteMode.UPSERT, WriteMode.CREATE_ONLY)) {
                ScopeWriter w = store.open(object, mode); // a Durable Object is recorded with its first flush
                w.put(new Entry(object, Key.of("k"), "1".getBytes(StandardCharsets.UTF_8), null, null));
                LandfallException e = assertThrows(LandfallException.class, w::flush, mode.toString());
                assertEquals(ErrorKind.REJECTED, e.kind(), e.getMessage());
                assertTrue(e.getMessage().contains("NOPERM"), e.getMessage());
                w.close();
            }
        } finally {
            admin.deleteUser(user);
        }
        assertFalse(admin.jedis().exists(prefix + "do:5d3c8e1f2a4b6c7d8e9f0a1b2c3d4e5f:c0ffee:v:k"));
    }

    @Test
    void servesListsForAUserWhoMayNotRemoveIndexMembersAndLeavesTheIndexAsItIs() throws IOException {
        String user = "lf-ro-list-" + Long.toHexString(System.nanoTime());
        String base = prefix + "kv:" + KV.namespaceId();
        admin.jedis().hset(prefix + "kv:namespaces", KV.namespaceId(), KV.title());
        admin.jedis().set(base + ":v:a", "1");
        admin.jedis().zadd(base + ":idx", 0, "a");
        admin.jedis().zadd(base + ":idx", 0, "gone"); // its value expired: the list may not remove it
        admin.createUser(user, SECRET, "+@read", "+@connection");
        try (dev.landfall.core.spi.KvAccess access =
                new RedisStoreProvider().openKvAccess(StoreUri.parse(admin.url(user, SECRET, 0, prefix)))) {
            for (int i = 0; i < 2; i++) { // the second list no longer tries, and still answers
                dev.landfall.core.spi.KvAccess.KeyPage page = access.list(KV, "", null, 10, 0);
                assertEquals(
                        List.of(Key.of("a")),
                        page.keys().stream().map(k -> k.key()).toList());
                assertTrue(page.complete());
            }
        } finally {
            admin.deleteUser(user);
        }
        assertEquals(List.of("a", "gone"), admin.jedis().zrange(base + ":idx", 0, -1));
    }

    @Test
    void aUserWhoMayWriteButNotUseTransactionsWritesNothing() throws IOException {
        String user = "lf-nomulti-" + Long.toHexString(System.nanoTime());
        admin.createUser(user, SECRET, "+@all", "-multi");
        try (Store store = new RedisStoreProvider().open(StoreUri.parse(admin.url(user, SECRET, 0, prefix)));
                ScopeWriter w = store.open(KV, WriteMode.UPSERT)) {
            w.put(new Entry(KV, Key.of("a"), "1".getBytes(StandardCharsets.UTF_8), null, null));
            LandfallException e = assertThrows(LandfallException.class, w::flush);
            assertEquals(ErrorKind.REJECTED, e.kind(), e.getMessage());
            assertTrue(e.getMessage().contains("NOPERM"), e.getMessage());
        } finally {
            admin.deleteUser(user);
        }
        assertFalse(admin.jedis().exists(prefix + "kv:" + KV.namespaceId() + ":v:a"), "nothing ran outside MULTI");
    }

    @Test
    void aCommandRefusedInsideTheTransactionAbortsTheWholeBatch() throws IOException {
        String user = "lf-noset-" + Long.toHexString(System.nanoTime());
        // May run MULTI, ZADD, DEL and HSET, but not SET/MSET: the refusal comes while queuing.
        admin.createUser(user, SECRET, "+@read", "+@transaction", "+hset", "+zadd", "+del");
        try (Store store = new RedisStoreProvider().open(StoreUri.parse(admin.url(user, SECRET, 0, prefix)));
                ScopeWriter w = store.open(KV, WriteMode.UPSERT)) {
            w.put(new Entry(KV, Key.of("a"), "1".getBytes(StandardCharsets.UTF_8), null, null));
            LandfallException e = assertThrows(LandfallException.class, w::flush);
            assertEquals(ErrorKind.REJECTED, e.kind(), e.getMessage());
            assertTrue(e.getMessage().contains("NOPERM"), e.getMessage());
            assertTrue(e.getMessage().contains("mset"), e.getMessage());
        } finally {
            admin.deleteUser(user);
        }
        assertFalse(admin.jedis().exists(prefix + "kv:" + KV.namespaceId() + ":idx"), "EXEC applied nothing");
    }

    @Test
    void aCommandRefusedInsideTheCreateOnlyScriptIsRejected() throws IOException {
        String user = "lf-script-" + Long.toHexString(System.nanoTime());
        admin.createUser(user, SECRET, "+@read", "+@scripting", "+hset");
        try (Store store = new RedisStoreProvider().open(StoreUri.parse(admin.url(user, SECRET, 0, prefix)));
                ScopeWriter w = store.open(KV, WriteMode.CREATE_ONLY)) {
            w.put(new Entry(KV, Key.of("a"), "1".getBytes(StandardCharsets.UTF_8), "{}", null));
            LandfallException e = assertThrows(LandfallException.class, w::flush);
            assertEquals(ErrorKind.REJECTED, e.kind(), e.getMessage());
            assertTrue(
                    e.hint().orElseThrow().contains("ACL SETUSER " + user),
                    e.hint().orElseThrow());
            assertNamesStoreWithoutSecret(e, "redis://" + user + ":****@");
        } finally {
            admin.deleteUser(user);
        }
        assertEquals(Set.of(), admin.jedis().keys(prefix + "kv:" + KV.namespaceId() + ":*"), "nothing was written");
    }

    @Test
    void aMalformedUriIsAUsageErrorThatMasksThePassword() {
        LandfallException e = openFails("redis://landfall:" + SECRET + "@127.0.0.1:notaport/0");
        assertEquals(ErrorKind.USAGE, e.kind());
        assertNamesStoreWithoutSecret(e, "redis://landfall:****@127.0.0.1:notaport/0");
    }
}
