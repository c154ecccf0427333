package dev.landfall.core.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StatusTest {
    private final Status status =
            Status.starting("migrate --follow", Instant.parse("2026-03-01T12:00:00Z"), "src", "sqlite:x.db");

    @ParameterizedTest
    @ValueSource(strings = {"store", "lag seconds", "last error"})
    void aFieldCannotPassForOneOfTheStatus(String name) {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> status.withFields(Map.of(name, "x")));
        assertEquals("field '" + name + "' would repeat a field of the status", e.getMessage());
    }

    @Test
    void lagCannotBeNegative() {
        assertThrows(IllegalArgumentException.class, () -> status.withProgress("p", -1, Duration.ZERO));
    }

    @Test
    void fieldsAreACopyInTheCallersOrder() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("z", "1");
        fields.put("a", "2");
        Status withFields = status.withFields(fields);
        fields.put("later", "3");
        assertEquals(List.of("z", "a"), List.copyOf(withFields.fields().keySet()));
        assertThrows(
                UnsupportedOperationException.class, () -> withFields.fields().put("b", "4"));
    }

    @Test
    void progressAndErrorsKeepTheRest() {
        LastError error = new LastError("boom", Instant.parse("2026-03-01T12:00:05Z"));
        Status later = status.withLastError(error).withProgress("seq 9", 3, Duration.ofSeconds(2));
        assertEquals(error, later.lastError().orElseThrow());
        assertEquals("seq 9", later.position());
        assertEquals(3, later.lagChanges().getAsLong());
        assertEquals(status.startedAt(), later.startedAt());
        assertEquals(status.store(), later.store());
    }
}
