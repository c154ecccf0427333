package dev.landfall.core.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class StatuszPageTest {
    private static final Instant STARTED = Instant.parse("2026-03-01T12:00:00.746832234Z");

    private final Status status = Status.starting("migrate --follow", STARTED, "bundle:out/", "sqlite:x.db")
            .withLastError(new LastError("boom", Instant.parse("2026-03-01T12:00:09.5Z")));

    @Test
    void timesAreWholeSecondsInBothForms() throws Exception {
        String text = StatuszPage.text(status, STARTED.plusSeconds(10));
        assertTrue(text.contains("\nstarted: 2026-03-01T12:00:00Z\n"), text);
        assertTrue(text.contains("\nlast error at: 2026-03-01T12:00:09Z\n"), text);

        JsonNode doc = new ObjectMapper().readTree(StatuszPage.json(status, STARTED.plusSeconds(10)));
        assertEquals("2026-03-01T12:00:00Z", doc.get("startedAt").asText());
        assertEquals("2026-03-01T12:00:09Z", doc.get("lastError").get("at").asText());
        assertEquals(10.0, doc.get("uptimeSeconds").asDouble(), "uptime is measured from the exact start");
    }

    @Test
    void aServingProcessShowsNoSourcePositionOrLag() throws Exception {
        Status serving = Status.serving("serve", STARTED, "sqlite:x.db");
        String text = StatuszPage.text(serving, STARTED.plusSeconds(1));
        assertTrue(text.contains("\nstore: sqlite:x.db\n"), text);
        for (String follower : new String[] {"source:", "position:", "lag changes:", "lag seconds:"}) {
            assertFalse(text.contains(follower), follower + " in " + text);
        }
        JsonNode doc = new ObjectMapper().readTree(StatuszPage.json(serving, STARTED.plusSeconds(1)));
        assertEquals("sqlite:x.db", doc.get("store").asText());
        for (String follower : new String[] {"source", "position", "lagChanges", "lagSeconds"}) {
            assertFalse(doc.has(follower), follower + " in " + doc);
        }
    }

    @Test
    void aFollowerNotYetMeasuredShowsItsProgressAsNotYet() throws Exception {
        String text = StatuszPage.text(status, STARTED);
        assertTrue(text.contains("\nsource: bundle:out/\n"), text);
        assertTrue(text.contains("\nposition: none yet\n"), text);
        assertTrue(text.contains("\nlag seconds: not measured yet\n"), text);
        assertTrue(new ObjectMapper()
                .readTree(StatuszPage.json(status, STARTED))
                .get("lagChanges")
                .isNull());
    }

    @Test
    void aClockSetBackShowsNoNegativeUptime() throws Exception {
        assertTrue(StatuszPage.text(status, STARTED.minusSeconds(30)).contains("\nuptime: 0s\n"));
        assertEquals(
                0.0,
                new ObjectMapper()
                        .readTree(StatuszPage.json(status, STARTED.minusSeconds(30)))
                        .get("uptimeSeconds")
                        .asDouble());
    }
}
