package dev.landfall.core.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.landfall.core.error.LandfallException;
import org.junit.jupiter.api.Test;

class StoreUriTest {
    @Test
    void passwordsAreMaskedWhateverTheyHold() {
        assertEquals(
                "postgres://app:****@db:5432/app",
                StoreUri.parse("postgres://app:s3cret@db:5432/app").toString());
        for (String secret : new String[] {"p/w", "p@w", "a:b", "x@y/z"}) {
            String shown =
                    StoreUri.parse("redis://u:" + secret + "@host:6379/0").toString();
            assertFalse(shown.contains(secret), shown);
            assertEquals("redis://u:****@host:6379/0", shown);
        }
        assertEquals("sqlite:landfall.db", StoreUri.parse("sqlite:landfall.db").toString());
        assertEquals(
                "redis://host:6379/0", StoreUri.parse("redis://host:6379/0").toString());
    }

    @Test
    void aUriNeedsAScheme() {
        assertThrows(LandfallException.class, () -> StoreUri.parse("landfall.db"));
        assertEquals("sqlite", StoreUri.parse("SQLite:x.db").scheme());
    }
}
