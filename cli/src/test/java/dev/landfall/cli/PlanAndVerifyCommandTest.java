package dev.landfall.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code landfall plan} and {@code landfall verify data} on local files: a wrangler file, bundles, SQLite. */
class PlanAndVerifyCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void planWritesNothingAndPredictsWhatImportDoes() throws IOException {
        Path file = items("[{\"key\":\"a\",\"value\":\"1\"},{\"key\":\"b\",\"value\":\"2\",\"metadata\":{\"m\":1}}]");
        String db = "sqlite:" + dir.resolve("plan.db");

        CliRun plan =
                CliRun.run("plan", "--from", "wrangler:" + file, "--kv", "FLAGS", "--to", db, "--detailed-exitcode");
        assertEquals(4, plan.exitCode(), plan.err());
        assertTrue(plan.out().contains("  + \"a\"  1 B sha256:"), plan.out());
        assertTrue(plan.out().contains("Plan: 2 to create, 0 to update, 0 to delete."), plan.out());
        assertFalse(Files.exists(dir.resolve("plan.db")), "plan creates no store");

        assertEquals(
                0,
                CliRun.run("import", "--from", "wrangler:" + file, "--kv", "FLAGS", "--to", db)
                        .exitCode());
        CliRun none =
                CliRun.run("plan", "--from", "wrangler:" + file, "--kv", "FLAGS", "--to", db, "--detailed-exitcode");
        assertEquals(0, none.exitCode(), none.err());
        assertTrue(none.out().contains("Plan: 0 to create, 0 to update, 0 to delete."), none.out());

        Path changed = items("[{\"key\":\"a\",\"value\":\"one\"}]");
        Path out = dir.resolve("plan.json");
        CliRun json = CliRun.run(
                "plan",
                "--from",
                "wrangler:" + changed,
                "--kv",
                "FLAGS",
                "--to",
                db,
                "--mode",
                "mirror",
                "--format",
                "json",
                "--out",
                out.toString());
        assertEquals(0, json.exitCode(), json.err());
        JsonNode root = JSON.readTree(Files.readString(out));
        assertEquals(1, root.at("/totals/update").asLong());
        assertEquals(1, root.at("/totals/delete").asLong());
        assertEquals("update", root.at("/scopes/0/changes/0/action").asText());
        assertEquals(1, root.at("/scopes/0/changes/0/before/size").asLong());
        assertEquals(3, root.at("/scopes/0/changes/0/after/size").asLong());

        CliRun md = CliRun.run("plan", "--from", "wrangler:" + changed, "--kv", "FLAGS", "--to", db, "--format", "md");
        assertTrue(md.out().contains("**Plan: 0 to create, 1 to update, 0 to delete.**"), md.out());
        CliRun html =
                CliRun.run("plan", "--from", "wrangler:" + changed, "--kv", "FLAGS", "--to", db, "--format", "html");
        assertTrue(html.out().startsWith("<!DOCTYPE html>"), html.out());
    }

    @Test
    void colourOnlyOnATerminalAndNeverWithNoColor() throws IOException {
        Path file = items("[{\"key\":\"a\",\"value\":\"1\"}]");
        String db = "sqlite:" + dir.resolve("c.db");
        CliRun plain = CliRun.run("plan", "--from", "wrangler:" + file, "--kv", "F", "--to", db);
        assertFalse(plain.out().contains("\u001b["), "no colour when no person watches");
        CliRun noColor = CliRun.runOnTerminal(
                Map.of("NO_COLOR", "1"), "plan", "--from", "wrangler:" + file, "--kv", "F", "--to", db);
        assertFalse(noColor.out().contains("\u001b["), "NO_COLOR wins");
        CliRun tty = CliRun.runOnTerminal(Map.of(), "plan", "--from", "wrangler:" + file, "--kv", "F", "--to", db);
        assertTrue(tty.out().contains("\u001b[32m+"), tty.out());
    }

    @Test
    void verifyDataFindsTheKeysThatDiffer() throws IOException, SQLException {
        Path file = items(
                "[{\"key\":\"a\",\"value\":\"1\"},{\"key\":\"b\",\"value\":\"2\"},{\"key\":\"c\",\"value\":\"3\"}]");
        Path dbFile = dir.resolve("v.db");
        String db = "sqlite:" + dbFile;
        assertEquals(
                0,
                CliRun.run("import", "--from", "wrangler:" + file, "--kv", "FLAGS", "--to", db)
                        .exitCode());
        CliRun equal = CliRun.run("verify", "data", "--from", "wrangler:" + file, "--kv", "FLAGS", "--to", db);
        assertEquals(0, equal.exitCode(), equal.err());
        assertTrue(equal.out().contains("Equal: every scope's count and digest match."), equal.out());

        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dbFile);
                Statement st = c.createStatement()) {
            st.executeUpdate("UPDATE landfall_kv SET value = X'00' WHERE key = 'b'");
            st.executeUpdate("DELETE FROM landfall_kv WHERE key = 'c'");
        }
        CliRun differs = CliRun.run("verify", "data", "--from", "wrangler:" + file, "--kv", "FLAGS", "--to", db);
        assertEquals(3, differs.exitCode(), differs.err());
        assertTrue(differs.out().contains("different:            \"b\""), differs.out());
        assertTrue(differs.out().contains("missing in the store: \"c\""), differs.out());
        CliRun json = CliRun.run(
                "verify", "data", "--from", "wrangler:" + file, "--kv", "FLAGS", "--to", db, "--format", "json");
        JsonNode root = JSON.readTree(json.out());
        assertFalse(root.get("equal").asBoolean());
        assertEquals(2, root.at("/scopes/0/differences").asLong());
        CliRun markdown = CliRun.run(
                "verify", "data", "--from", "wrangler:" + file, "--kv", "FLAGS", "--to", db, "--format", "markdown");
        assertEquals(3, markdown.exitCode(), markdown.err());
        assertTrue(
                markdown.out().contains("| scope | result | source entries | store entries | differing keys |"),
                markdown.out());
        assertTrue(markdown.out().contains(" | **differs** | 3 | 2 | 2 |" + System.lineSeparator()), markdown.out());
    }

    private Path items(String json) throws IOException {
        Path f = Files.createTempFile(dir, "items", ".json");
        Files.writeString(f, json);
        return f;
    }
}
