package dev.landfall.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * {@code landfall sandbox}'s capture flags: bad values exit 2 naming the flag before anything
 * starts, and {@code --help} tells the truth about them. (A running sandbox is SandboxCommandIT's.)
 */
class SandboxCommandTest {
    private static void refused(String expected, String... args) {
        CliRun r = CliRun.run(args);
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains(expected), r.err());
        assertEquals("", r.out(), "nothing printed as if started");
    }

    @Test
    void badCaptureFlagsExit2NamingTheFlag() {
        refused("--capture-shards 0 is out of range", "sandbox", "--capture", "--capture-shards", "0");
        refused("--capture-shards 257 is out of range", "sandbox", "--capture", "--capture-shards", "257");
        refused("--capture-capacity 0 is out of range", "sandbox", "--capture", "--capture-capacity", "0");
        refused("--capture-shards needs capture on", "sandbox", "--capture-shards", "4");
        refused("--writes 'lots'", "sandbox", "--seed-kv", "SESSIONS=10", "--writes", "lots");
        refused("N must be between 1 and 100000", "sandbox", "--seed-kv", "SESSIONS=10", "--writes", "200000/s");
        refused("--writes has no namespace to write into", "sandbox", "--writes", "10/s");
        refused("--capture-shards", "sandbox", "--capture", "--capture-shards", "eight");
    }

    @Test
    void helpDescribesCaptureAndTheWriter() {
        CliRun r = CliRun.run("sandbox", "--help");
        assertEquals(0, r.exitCode());
        for (String flag : new String[] {"--capture ", "--capture-shards=N", "--capture-capacity=N", "--writes=N/s"}) {
            assertTrue(r.out().contains(flag), flag + " in\n" + r.out());
        }
        assertTrue(r.out().contains("Writes through the REST API are not captured."), r.out());
    }
}
