package dev.landfall.core.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class OpaqueCursorTest {
    @Test
    void aCursorDecodesToTheBytesItWasMadeFromInEitherAlphabetPaddedOrNot() {
        byte[] last = "ünï/key?\u0000".getBytes(StandardCharsets.UTF_8);
        String cursor = OpaqueCursor.encode(last);
        assertFalse(cursor.contains("=") || cursor.contains("+") || cursor.contains("/"), cursor);
        assertArrayEquals(last, OpaqueCursor.decode(cursor));
        String standard = cursor.replace('-', '+').replace('_', '/') + "==";
        assertArrayEquals(last, OpaqueCursor.decode(" " + standard + " "));
    }

    @Test
    void aCursorNotHandedOutIsInvalidAndNamedShortened() {
        String cursor = OpaqueCursor.encode("k".getBytes(StandardCharsets.UTF_8));
        assertThrows(OpaqueCursor.Invalid.class, () -> OpaqueCursor.decode(cursor.substring(0, cursor.length() - 1)));
        assertThrows(OpaqueCursor.Invalid.class, () -> OpaqueCursor.decode("%%%"));
        assertEquals(
                "Invalid cursor 'garbage'.",
                assertThrows(OpaqueCursor.Invalid.class, () -> OpaqueCursor.decode("garbage"))
                        .getMessage());
        assertEquals(
                "Invalid cursor '" + "x".repeat(64) + "…'.",
                assertThrows(OpaqueCursor.Invalid.class, () -> OpaqueCursor.decode("x".repeat(100)))
                        .getMessage());
    }
}
