package dev.landfall.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

/** What a command run under {@code --api-budget 4/4s} says on stderr when its fifth request waits. */
final class BudgetWait {
    private BudgetWait() {}

    /** One wait, one line, with the time left and why: {@code COMMAND: waiting 4 s for the API budget (…)}. */
    static void assertSaidOnce(String command, String err) {
        List<String> waits =
                err.lines().filter(l -> l.contains("for the API budget")).toList();
        assertEquals(1, waits.size(), "one wait, one line: " + err);
        assertTrue(
                waits.get(0)
                        .matches(command + ": waiting [345] s for the API budget \\(4/4s: 4 requests in the last 4s;"
                                + " lower --api-budget to leave room for other users of the token\\)"),
                waits.get(0));
    }
}
