package dev.landfall.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code landfall demo}: the rehearsal runs every step, leaves its reports, and runs again cleanly. */
class DemoCommandTest {
    @TempDir
    Path dir;

    @Test
    void rehearsesPlanMigrateAndVerifyAndCanRunAgain() throws IOException {
        Path demo = dir.resolve("demo");
        for (int run = 0; run < 2; run++) {
            CliRun r = CliRun.run("demo", "--dir", demo.toString(), "--keys", "1500");
            assertEquals(0, r.exitCode(), r.err());
            assertTrue(r.out().contains("1. landfall plan --from cloudflare://"), r.out());
            assertTrue(r.out().contains("complete, verified equal"), r.out());
            assertTrue(r.out().contains("Equal: every scope's count and digest match."), r.out());
            assertTrue(Files.size(demo.resolve("plan.html")) > 0);
            assertTrue(Files.size(demo.resolve("run").resolve("report.html")) > 0);
            assertTrue(Files.exists(dir.resolve("demo.db")));
            // The commands it suggests for a real account paste: each parses as the CLI reads it.
            List<String> suggested = r.out()
                    .lines()
                    .map(String::strip)
                    .filter(l -> l.startsWith("landfall "))
                    .toList();
            assertEquals(3, suggested.size(), r.out());
            for (String line : suggested) {
                CommandSyntax.check(line.substring("landfall ".length()).split(" "));
            }
        }
    }

    @Test
    void theLiveRehearsalFollowsTheWriterThenSwitchesWritesWithAMeasuredFreeze() throws IOException {
        Path demo = dir.resolve("live");
        CliRun r = CliRun.run(
                "demo", "--live", "--dir", demo.toString(), "--keys", "800", "--writes", "100", "--follow-for", "2s");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("--kv SESSIONS --do Room --follow --consistency-window 1s"), r.out());
        assertTrue(r.out().contains("writes now go to the new service"), r.out());
        assertTrue(
                r.out()
                        .matches("(?s).*writes were frozen for [0-9.]+ s while [0-9,]+ change\\(s\\) drained and 41"
                                + " scope\\(s\\) verified equal.*"),
                r.out());
        assertTrue(Files.readString(demo.resolve("run").resolve("log.txt")).contains("final: writes switched"));
        assertTrue(Files.exists(demo.resolve("run").resolve("follow-journal.ndjson")));
    }

    @Test
    void refusesToReplaceADirectoryItDidNotWrite() throws IOException {
        Path mine = dir.resolve("mine");
        Files.createDirectories(mine);
        Files.writeString(mine.resolve("notes.txt"), "keep me");
        CliRun r = CliRun.run("demo", "--dir", mine.toString(), "--keys", "100");
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("holds files the demo did not write"), r.err());
        assertEquals("keep me", Files.readString(mine.resolve("notes.txt")));
    }
}
