package dev.landfall.core.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AcceptHeaderTest {
    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "application/json| true",
                "Application/JSON; charset=utf-8| true",
                "text/html, application/json;q=0.5| true",
                "application/json;q=0| false",
                "application/json;q=0.0| false",
                "*/*| false",
                "text/plain| false",
                "application/jsonl| false",
                "''| false"
            })
    void asksForJsonOnlyByName(String accept, boolean json) {
        assertEquals(json, AcceptHeader.wantsJson(List.of(accept)));
    }

    @Test
    void noAcceptHeaderMeansText() {
        assertFalse(AcceptHeader.wantsJson(null));
        assertFalse(AcceptHeader.wantsJson(List.of()));
    }
}
