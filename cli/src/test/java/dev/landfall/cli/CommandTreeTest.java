package dev.landfall.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * A command line that names a top-level command gets a tree holding that command alone (the rest
 * is never built), and that command behaves as in the whole tree: same help, same parse.
 */
class CommandTreeTest {
    private static final List<String> EVERY = List.of(
            "help",
            "inventory",
            "export",
            "export-worker",
            "import",
            "plan",
            "migrate",
            "demo",
            "verify",
            "init",
            "infra",
            "cutover",
            "sandbox",
            "serve",
            "completion");

    private static CommandLine tree(String first) {
        return Landfall.newCommandLine(new CliContext(System.out, System.err, Map.of()), first);
    }

    @Test
    void theWholeTreeListsEveryCommandInHelpOrder() {
        assertThat(Landfall.newCommandLine(new CliContext(System.out, System.err, Map.of()))
                        .getSubcommands()
                        .keySet())
                .containsExactlyElementsOf(EVERY);
    }

    @Test
    void aNamedCommandIsBuiltAlone() {
        assertThat(tree("export").getSubcommands().keySet()).containsExactly("export");
        assertThat(tree("verify").getSubcommands().keySet()).containsExactly("verify");
        assertThat(tree("verify")
                        .getSubcommands()
                        .get("verify")
                        .getSubcommands()
                        .keySet())
                .containsExactly("data", "latency");
    }

    @Test
    void helpCompletionOptionsFilesAndUnknownNamesGetEveryCommand() {
        for (String first : List.of("help", "completion", "", "--help", "@args.txt", "exprt", "export-")) {
            assertThat(tree(first).getSubcommands().keySet()).as(first).containsExactlyElementsOf(EVERY);
        }
    }

    @Test
    void eachCommandBuiltAloneHasTheHelpItHasInTheWholeTree() {
        CommandLine whole = Landfall.newCommandLine(new CliContext(System.out, System.err, Map.of()));
        for (String name : EVERY) {
            CommandLine alone = tree(name).getSubcommands().get(name);
            assertThat(alone.getUsageMessage(CommandLine.Help.Ansi.OFF))
                    .as(name)
                    .isEqualTo(whole.getSubcommands().get(name).getUsageMessage(CommandLine.Help.Ansi.OFF));
        }
    }

    @Test
    void aRunNamingACommandParsesAndReportsAsBefore() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Landfall.run(
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                Map.of(),
                "export",
                "--do",
                "KvStore");
        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("Missing required option: '--to=bundle:DIR'");
    }
}
