package dev.landfall.store.clickhouse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.landfall.core.config.Secret;
import dev.landfall.core.error.ErrorKind;
import dev.landfall.core.error.LandfallException;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ClickHouseLocationTest {
    @Test
    void parsesUserPasswordHostPortAndDatabaseAndMasksThePassword() {
        ClickHouseLocation l = ClickHouseLocation.parse("clickhouse://app:s%40cret@10.0.0.5:18123/analytics", Map.of());
        assertEquals("app", l.user());
        assertEquals(Optional.of(Secret.of("s@cret")), l.password());
        assertEquals("http://10.0.0.5:18123", l.endpoint());
        assertEquals("`analytics`.`t`", l.qualified("t"));
        assertEquals("clickhouse://app:****@10.0.0.5:18123/analytics", l.toString());
        assertFalse(l.toString().contains("cret"));
    }

    @Test
    void defaultsAndTheEnvironment() {
        ClickHouseLocation l = ClickHouseLocation.parse(
                "clickhouse://ch.internal/db?secure=true", Map.of("CLICKHOUSE_USER", "u", "CLICKHOUSE_PASSWORD", "pw"));
        assertEquals("https://ch.internal:8443", l.endpoint());
        assertEquals("u", l.user());
        assertEquals(Optional.of(Secret.of("pw")), l.password());
        assertEquals(
                "default",
                ClickHouseLocation.parse("clickhouse://[::1]:8123/db", Map.of()).user());
        assertEquals(
                "http://[::1]:8123",
                ClickHouseLocation.parse("clickhouse://[::1]:8123/db", Map.of()).endpoint());
    }

    @Test
    void badUrisAreUsageErrorsThatNeverShowThePassword() {
        for (String bad : new String[] {
            "clickhouse://u:hunter2@host",
            "clickhouse://u:hunter2@host:99999/db",
            "clickhouse://u:hunter2@:8123/db",
            "clickhouse://u:hunter2@[::1:8123/db",
            "clickhouse://u:hunter2@host:+80/db",
            "clickhouse://u:hunter2@host/db-with-dash",
            "clickhouse://u:hunter2@host/db?tls=1"
        }) {
            LandfallException e =
                    assertThrows(LandfallException.class, () -> ClickHouseLocation.parse(bad, Map.of()), bad);
            assertEquals(ErrorKind.USAGE, e.kind());
            assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
            assertTrue(e.hint().orElse("").contains("clickhouse://"));
        }
    }
}
