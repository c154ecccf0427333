package dev.landfall.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class SecretTest {
    @Test
    void printsMaskedEverywhereButReveal() {
        Secret s = Secret.of("cf-token-123");
        assertEquals("****", s.toString());
        assertFalse(String.format("token=%s", s).contains("cf-token-123"));
        assertEquals("cf-token-123", s.reveal());
        assertEquals("echo **** back", s.scrub("echo cf-token-123 back"));
        assertThrows(IllegalArgumentException.class, () -> Secret.of("  "));
    }
}
