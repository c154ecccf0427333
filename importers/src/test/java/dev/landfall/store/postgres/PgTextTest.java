package dev.landfall.store.postgres;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.landfall.core.error.ErrorKind;
import dev.landfall.core.error.LandfallException;
import dev.landfall.core.model.DurableObject;
import dev.landfall.core.model.Key;
import dev.landfall.core.model.KvNamespace;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** What PostgreSQL text holds: well-formed UTF-8 without NUL. */
class PgTextTest {
    private static final String STORE = "postgres://app:****@db:5432/app";
    private static final KvNamespace KV = new KvNamespace("ns1", "SESSIONS");
    private static final DurableObject DO = new DurableObject("dons", "obj");

    @Test
    void aKeyWithNulIsRejectedNamingScopeAndEscapedKey() {
        LandfallException e =
                assertThrows(LandfallException.class, () -> PgText.key(STORE, KV, Key.of("user:\u0000:42\n")));
        assertEquals(ErrorKind.REJECTED, e.kind());
        assertEquals(
                "store " + STORE + " cannot hold the key of kv namespace SESSIONS (ns1) key \"user:\\u0000:42\\u000a\":"
                        + " PostgreSQL text cannot hold NUL (U+0000)",
                e.getMessage());
        assertTrue(e.hint().orElseThrow().contains("sqlite:"));
    }

    @Test
    void metadataWithNulIsRejected() {
        LandfallException e = assertThrows(
                LandfallException.class, () -> PgText.metadata(STORE, KV, Key.of("k"), "{\"a\":\"x\u0000\"}"));
        assertTrue(e.getMessage().contains("metadata of kv namespace SESSIONS (ns1) key \"k\""), e.getMessage());
        assertTrue(e.getMessage().contains("cannot hold NUL"), e.getMessage());
    }

    @Test
    void aDurableObjectValueWithNulIsRejected() {
        LandfallException e = assertThrows(
                LandfallException.class, () -> PgText.doValue(STORE, DO, Key.of("k"), new byte[] {'"', 0, '"'}));
        assertTrue(e.getMessage().contains("value of durable object obj in namespace dons key \"k\""), e.getMessage());
    }

    @Test
    void malformedUtf8IsRejected() {
        Key key = Key.ofBytes(new byte[] {'a', (byte) 0xff});
        LandfallException e = assertThrows(LandfallException.class, () -> PgText.key(STORE, KV, key));
        assertTrue(e.getMessage().contains("only well-formed UTF-8"), e.getMessage());
        assertThrows(LandfallException.class, () -> PgText.metadata(STORE, KV, Key.of("k"), "{\"a\":\"\ud800\"}"));
    }

    @Test
    void goodTextPasses() {
        assertNull(PgText.metadata(STORE, KV, Key.of("k"), null));
        assertArrayEquals(
                "{\"😀\":1}".getBytes(StandardCharsets.UTF_8), PgText.metadata(STORE, KV, Key.of("k"), "{\"😀\":1}"));
        Key key = Key.of("é 😀 \u0001");
        assertArrayEquals(key.bytes(), PgText.key(STORE, KV, key));
    }

    @Test
    void namesWithNulAreRejected() {
        assertThrows(LandfallException.class, () -> PgText.name(STORE, "namespace title", "a\u0000"));
        PgText.name(STORE, "namespace title", "SESSIONS");
    }
}
