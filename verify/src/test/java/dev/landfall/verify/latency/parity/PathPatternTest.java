package dev.landfall.verify.latency.parity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.landfall.core.error.LandfallException;
import java.util.List;
import org.junit.jupiter.api.Test;

class PathPatternTest {
    @Test
    void matchesThePathAndEverythingUnderIt() {
        PathPattern p = PathPattern.parse("$.meta.requestId");
        assertTrue(p.matches(List.of("meta", "requestId")));
        assertTrue(p.matches(List.of("meta", "requestId", "[0]")));
        assertFalse(p.matches(List.of("meta")));
        assertFalse(p.matches(List.of("meta", "other")));
    }

    @Test
    void wildcardsMatchAnyElementOrField() {
        PathPattern p = PathPattern.parse("$.items[*].at");
        assertTrue(p.matches(List.of("items", "[7]", "at")));
        assertFalse(p.matches(List.of("items", "[7]", "id")));
        assertTrue(PathPattern.parse("$.*.ts").matches(List.of("a", "ts")));
        assertTrue(PathPattern.parse("$['odd.name'][2]").matches(List.of("odd.name", "[2]")));
        assertTrue(PathPattern.parse("$").matches(List.of()));
    }

    @Test
    void generalizingReplacesIndices() {
        PathPattern exact = PathPattern.exact(List.of("items", "[3]", "ts"));
        assertEquals("$.items[3].ts", exact.toString());
        assertEquals("$.items[*].ts", exact.generalized().toString());
        assertEquals(PathPattern.parse("$.items[*].ts"), exact.generalized());
        assertEquals("$['a b']", PathPattern.exact(List.of("a b")).toString());
    }

    @Test
    void badPatternsSayWhy() {
        for (String bad : new String[] {"requestId", "$..a", "$.a[", "$.a[x]", "$a"}) {
            LandfallException e = assertThrows(LandfallException.class, () -> PathPattern.parse(bad), bad);
            assertTrue(e.getMessage().startsWith("--ignore " + bad), e.getMessage());
        }
    }
}
