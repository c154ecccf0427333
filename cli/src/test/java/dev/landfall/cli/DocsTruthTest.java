package dev.landfall.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/** README's command table and docs/ option tables say what the CLI really has. */
class DocsTruthTest {
    private static final Path ROOT = projectRoot();

    @Test
    void readmeMarksExactlyTheRealCommandsAsWorking() throws IOException {
        String readme = Files.readString(ROOT.resolve("README.md"));
        Set<String> working = new TreeSet<>();
        Matcher row = Pattern.compile("(?m)^\\| `landfall ([a-z-]+)[^`]*`[^|]*\\|[^|]*\\| works \\|$")
                .matcher(readme);
        while (row.find()) {
            working.add(row.group(1));
        }
        Set<String> real = new TreeSet<>(commandLine().getSubcommands().keySet());
        assertEquals(real, working, "README.md's command table must mark exactly the implemented commands 'works'");
    }

    @Test
    void guidesListEveryOptionOfTheirCommand() throws IOException {
        Map<String, String> guides = Map.ofEntries(
                Map.entry("sandbox", "docs/sandbox.md"),
                Map.entry("serve", "docs/serve.md"),
                Map.entry("inventory", "docs/inventory.md"),
                Map.entry("export", "docs/export.md"),
                Map.entry("export-worker scaffold", "docs/export-worker-protocol.md"),
                Map.entry("import", "docs/import.md"),
                Map.entry("plan", "docs/plan.md"),
                Map.entry("migrate", "docs/migrate.md"),
                Map.entry("verify data", "docs/migrate.md"),
                Map.entry("verify latency", "docs/dual-run.md"),
                Map.entry("cutover", "docs/cutover.md"));
        for (Map.Entry<String, String> g : guides.entrySet()) {
            String guide = Files.readString(ROOT.resolve(g.getValue()));
            CommandLine command = commandLine();
            for (String word : g.getKey().split(" ")) {
                command = command.getSubcommands().get(word);
            }
            for (OptionSpec option : command.getCommandSpec().options()) {
                String name = option.longestName();
                if (Set.of("--help", "--version").contains(name)) {
                    continue;
                }
                if (name.equals("--verbose") && g.getKey().equals("sandbox")) {
                    continue;
                }
                assertTrue(guide.contains("`" + name), g.getValue() + " does not document " + name);
            }
        }
    }

    @Test
    void readmeExitCodesMatchTheErrorKinds() throws IOException {
        String readme = Files.readString(ROOT.resolve("README.md"));
        for (Map.Entry<Integer, String> code : Map.of(
                        0, "success", 1, "runtime failure", 2, "usage", 3, "verification failed", 4, "plan has changes")
                .entrySet()) {
            assertTrue(
                    Pattern.compile("(?m)^\\| " + code.getKey() + " \\| " + Pattern.quote(code.getValue()))
                            .matcher(readme)
                            .find(),
                    "README.md lacks exit code " + code.getKey());
        }
    }

    /** The example file under "wrangler files" in docs/import.md is one an operator can import as written. */
    @Test
    void importGuidesWranglerExampleImports(@TempDir Path tmp) throws IOException {
        String guide = Files.readString(ROOT.resolve("docs/import.md"));
        Matcher block =
                Pattern.compile("(?s)## wrangler files.*?```json\\n(.*?)```").matcher(guide);
        assertTrue(block.find(), "docs/import.md has a JSON example under 'wrangler files'");
        Path file = Files.writeString(tmp.resolve("flags.json"), block.group(1));
        CliRun run = CliRun.run(
                "import",
                "--from",
                "wrangler:" + file,
                "--kv",
                "FLAGS",
                "--to",
                "sqlite:" + tmp.resolve("l.db"),
                "--json");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("\"created\":2"), run.out());
    }

    private static CommandLine commandLine() {
        return Landfall.newCommandLine(new CliContext(System.out, System.err, Map.of()));
    }

    private static Path projectRoot() {
        String env = System.getenv("LANDFALL_PROJECT_DIR");
        if (env != null && Files.isRegularFile(Path.of(env, "README.md"))) {
            return Path.of(env);
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("README.md")) && Files.isDirectory(p.resolve("cli"))) {
                return p;
            }
        }
        throw new IllegalStateException("cannot find the project root (README.md); set LANDFALL_PROJECT_DIR");
    }
}
