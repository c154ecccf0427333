package dev.landfall.core.model;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Each refusal's status, code and words, as the sandbox and serve answer them; what is within the limits passes. */
class KvRefusalsTest {
    private static final long NOW = 1_700_000_000L;

    /** What a server would answer with, so a test can read it back. */
    private static final class Answer extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int status;
        final int code;

        Answer(int status, int code, String message) {
            super(message);
            this.status = status;
            this.code = code;
        }
    }

    private static String refused(int status, int code, Executable check) {
        Answer a = assertThrows(Answer.class, check);
        assertEquals(status, a.status, a.getMessage());
        assertEquals(code, a.code, a.getMessage());
        return a.getMessage();
    }

    private static void key(String text) {
        KvRefusals.checkKey(text.getBytes(StandardCharsets.UTF_8), text, Answer::new);
    }

    @Test
    void keysThatAreEmptyDotsOrTooLongAreRefused() {
        assertEquals("Key names must not be empty", refused(400, KvErrorCodes.INVALID_KEY, () -> key("")));
        assertEquals(
                "Illegal key name \"..\". Please use a different name.",
                refused(400, KvErrorCodes.INVALID_KEY, () -> key("..")));
        assertEquals(
                "UTF-8 encoded length of 513 exceeds key length limit of 512.",
                refused(414, KvErrorCodes.INVALID_KEY, () -> key("k".repeat(513))));
        assertDoesNotThrow(() -> key("k".repeat(512)));
        assertDoesNotThrow(() -> key("..."));
    }

    @Test
    void valuesAndMetadataOverTheirLimitsAreRefused() {
        assertEquals(
                "Value length of 26214401 exceeds limit of 26214400.",
                refused(
                        413,
                        KvErrorCodes.TOO_LARGE,
                        () -> KvRefusals.checkValueSize(KvLimits.MAX_VALUE_BYTES + 1L, Answer::new)));
        assertDoesNotThrow(() -> KvRefusals.checkValueSize(KvLimits.MAX_VALUE_BYTES, Answer::new));
        assertEquals(
                "Metadata length of 1025 exceeds limit of 1024.",
                refused(413, KvErrorCodes.TOO_LARGE, () -> KvRefusals.checkMetadataSize(1025, Answer::new)));
        assertDoesNotThrow(() -> KvRefusals.checkMetadataSize(1024, Answer::new));
    }

    @Test
    void aTtlBecomesAnExpiryAtLeastAMinuteAway() {
        assertEquals(NOW + 60, KvRefusals.expiryOfTtl(60, NOW, Answer::new));
        assertEquals(
                "Invalid expiration_ttl of 0. Please specify integer greater than 0.",
                refused(400, KvErrorCodes.INVALID_EXPIRATION, () -> KvRefusals.expiryOfTtl(0, NOW, Answer::new)));
        assertEquals(
                "Invalid expiration_ttl of 59. Expiration TTL must be at least 60.",
                refused(400, KvErrorCodes.INVALID_EXPIRATION, () -> KvRefusals.expiryOfTtl(59, NOW, Answer::new)));
    }

    @Test
    void anExpirationMustBeAtLeastAMinuteInTheFuture() {
        assertEquals(NOW + 60, KvRefusals.checkExpiration(NOW + 60, NOW, Answer::new));
        assertEquals(
                "Invalid expiration of " + NOW
                        + ". Please specify integer greater than the current number of seconds since the UNIX epoch.",
                refused(400, KvErrorCodes.INVALID_EXPIRATION, () -> KvRefusals.checkExpiration(NOW, NOW, Answer::new)));
        assertEquals(
                "Invalid expiration of " + (NOW + 59) + ". Expiration times must be at least 60 seconds in the future.",
                refused(
                        400,
                        KvErrorCodes.INVALID_EXPIRATION,
                        () -> KvRefusals.checkExpiration(NOW + 59, NOW, Answer::new)));
    }
}
