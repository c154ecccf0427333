package dev.landfall.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClosingTest {
    @Test
    void closesEachInTheOrderGiven() throws IOException {
        List<String> closed = new ArrayList<>();
        Closing.inOrder(() -> closed.add("a"), () -> closed.add("b"), () -> closed.add("c"));
        assertEquals(List.of("a", "b", "c"), closed);
    }

    @Test
    void aFailureDoesNotStopTheRestAndTheFirstIsThrownWithTheLaterSuppressed() {
        List<String> closed = new ArrayList<>();
        IOException first = new IOException("first");
        IllegalStateException second = new IllegalStateException("second");
        IOException thrown = assertThrows(
                IOException.class,
                () -> Closing.inOrder(
                        () -> {
                            throw first;
                        },
                        () -> {
                            closed.add("b");
                            throw second;
                        },
                        () -> closed.add("c")));
        assertSame(first, thrown);
        assertArrayEquals(new Throwable[] {second}, thrown.getSuppressed());
        assertEquals(List.of("b", "c"), closed);
    }

    @Test
    void aRuntimeFailureIsThrownAsItIs() {
        UncheckedIOException failure = new UncheckedIOException(new IOException("x"));
        assertSame(
                failure,
                assertThrows(
                        UncheckedIOException.class,
                        () -> Closing.inOrder(() -> {
                            throw failure;
                        })));
    }
}
