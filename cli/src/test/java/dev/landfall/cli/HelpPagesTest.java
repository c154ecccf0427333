package dev.landfall.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Every command of the tree, found by walking it: each takes {@code --verbose} and {@code --help},
 * renders its help without a picocli warning, and shows examples an operator can paste: no
 * example line wrapped by picocli, and every example command accepted by the parser.
 */
class HelpPagesTest {
    /** Placeholders the examples use, and a value of the right form for each, longest first. */
    private static final List<Map.Entry<String, String>> PLACEHOLDERS = List.of(
            Map.entry("ACCOUNT_ID", "023e105f4ecef8ad9ca31a8372d0c353"),
            Map.entry("ACCOUNT", "023e105f4ecef8ad9ca31a8372d0c353"),
            Map.entry("…", "x"));

    /** A whole word that stands for an endpoint. */
    private static final String URL = "https://old.example.com";

    private static CommandLine tree() {
        return Landfall.newCommandLine(new CliContext(System.out, System.err, Map.of()));
    }

    /** Every command by its path below {@code landfall} (the root's path is empty). */
    private static Map<List<String>, CommandLine> commands() {
        Map<List<String>, CommandLine> out = new LinkedHashMap<>();
        walk(tree(), List.of(), out);
        return out;
    }

    private static void walk(CommandLine cmd, List<String> path, Map<List<String>, CommandLine> out) {
        out.put(path, cmd);
        cmd.getSubcommands().forEach((name, sub) -> {
            if (sub.getCommandName().equals(name)) { // aliases name the same command again
                List<String> below = new ArrayList<>(path);
                below.add(name);
                walk(sub, below, out);
            }
        });
    }

    @Test
    void everyCommandTakesVerboseAndHelp() {
        Map<List<String>, CommandLine> commands = commands();
        assertThat(commands).hasSizeGreaterThan(18);
        for (var command : commands.entrySet()) {
            String name = String.join(" ", command.getKey());
            CommandLine cmd = command.getValue();
            assertThat(cmd.getCommandSpec().findOption("--verbose"))
                    .as("'%s' has --verbose", name)
                    .isNotNull();
            assertThat(cmd.getCommandSpec().findOption("--help"))
                    .as("'%s' has --help", name)
                    .isNotNull();
            List<String> args = new ArrayList<>(command.getKey());
            args.add("--verbose");
            try {
                tree().parseArgs(args.toArray(String[]::new));
            } catch (CommandLine.MissingParameterException e) {
                // --verbose was taken; the command wants its required options too.
            } catch (CommandLine.ParameterException e) {
                throw new AssertionError("landfall " + name + " --verbose: " + e.getMessage(), e);
            }
        }
        CliRun completion = CliRun.run("completion", "--verbose");
        assertThat(completion.exitCode()).as(completion.err()).isZero();
        assertThat(completion.out()).contains("complete -F");
    }

    /** {@code landfall help A B} shows what {@code landfall A B --help} shows, for every command. */
    @Test
    void helpFollowsTheWholeCommandPath() {
        int nested = 0;
        for (List<String> path : commands().keySet()) {
            if (path.isEmpty() || path.equals(List.of("help"))) {
                continue;
            }
            nested += path.size() > 1 ? 1 : 0;
            List<String> viaHelp = new ArrayList<>(List.of("help"));
            viaHelp.addAll(path);
            List<String> viaFlag = new ArrayList<>(path);
            viaFlag.add("--help");
            CliRun help = CliRun.run(viaHelp.toArray(String[]::new));
            CliRun flag = CliRun.run(viaFlag.toArray(String[]::new));
            assertThat(help.exitCode()).as("help %s: %s", path, help.err()).isZero();
            assertThat(help.out())
                    .as("help %s", path)
                    .startsWith(flag.out().lines().findFirst().orElseThrow())
                    .isEqualTo(flag.out());
        }
        assertThat(nested).as("two-word commands").isGreaterThan(3);
        CliRun unknown = CliRun.run("help", "verify", "nosuch");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("'nosuch'").contains("landfall verify");
        CliRun none = CliRun.run("help");
        assertThat(none.exitCode()).isZero();
        assertThat(none.out()).isEqualTo(CliRun.run("--help").out());
    }

    /**
     * picocli formats descriptions with String.format: a stray % makes it print a WARN on the
     * process's stderr. Every command's --help, run as an operator runs it, must be clean.
     */
    @Test
    void everyHelpPageRendersWithoutAWarning() {
        PrintStream original = System.err;
        ByteArrayOutputStream processErr = new ByteArrayOutputStream();
        List<String> rendered = new ArrayList<>();
        try {
            System.setErr(new PrintStream(processErr, true, StandardCharsets.UTF_8));
            for (List<String> path : commands().keySet()) {
                List<String> args = new ArrayList<>(path);
                args.add("--help");
                CliRun help = CliRun.run(args.toArray(String[]::new));
                assertThat(help.exitCode()).as("%s --help", path).isZero();
                assertThat(help.err()).as("%s --help stderr", path).isEmpty();
                assertThat(help.out())
                        .as("%s --help", path)
                        .contains("Usage: landfall")
                        .doesNotContain("WARN");
                rendered.add(help.out());
            }
        } finally {
            System.setErr(original);
        }
        assertThat(processErr.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(rendered).anySatisfy(page -> assertThat(page).contains("Usage: landfall verify latency"));
    }

    @Test
    void everyExampleLineFitsUnwrappedAndEveryExampleCommandParses() {
        int examples = 0;
        for (var command : commands().entrySet()) {
            CommandLine cmd = command.getValue();
            String name = String.join(" ", command.getKey());
            List<String> section = exampleSection(cmd.getUsageMessage(CommandLine.Help.Ansi.OFF));
            List<String> written = Arrays.stream(
                            cmd.getCommandSpec().usageMessage().footer())
                    .map(line -> line.replace("%%", "%").stripTrailing())
                    .toList();
            int width = cmd.getCommandSpec().usageMessage().width();
            for (String line : section) {
                assertThat(written)
                        .as("'%s' help: an example line picocli wrapped", name)
                        .contains(line);
                assertThat(line.length())
                        .as("'%s' example fits %d columns: %s", name, width, line)
                        .isLessThanOrEqualTo(width);
            }
            for (List<String> example : commands(section)) {
                examples++;
                String[] args = example.subList(1, example.size()).toArray(String[]::new);
                assertThatCode(() -> tree().parseArgs(args))
                        .as("'%s' example parses: %s", name, String.join(" ", example))
                        .doesNotThrowAnyException();
            }
        }
        assertThat(examples).isGreaterThan(25);
    }

    /**
     * picocli wraps any written line longer than its column, mid-sentence, and starts each element
     * of a description array on a line of its own: a header, description or footer line over the
     * help's width, or an option's line over the description column, renders as a ragged paragraph
     * with one- or two-word lines. Every line as written must fit, so the help reads as written.
     */
    @Test
    void everyWrittenHelpLineFitsItsColumn() {
        List<String> tooWide = new ArrayList<>();
        for (var command : commands().entrySet()) {
            String name = ("landfall " + String.join(" ", command.getKey())).strip();
            CommandLine.Model.UsageMessageSpec usage =
                    command.getValue().getCommandSpec().usageMessage();
            int width = usage.width();
            for (String[] text : List.of(usage.header(), usage.description(), usage.footer())) {
                for (int i = 0; i < text.length; i++) {
                    String shown = text[i].replace("%%", "%");
                    boolean paragraph = !shown.startsWith(" ")
                            && (i == 0 || text[i - 1].isBlank())
                            && (i == text.length - 1 || text[i + 1].isBlank());
                    if (shown.length() > width && !paragraph) { // a paragraph of its own wraps cleanly
                        tooWide.add(name + " (" + shown.length() + " > " + width + "): " + shown);
                    }
                }
            }
            int column = width - descriptionColumn(command.getValue());
            for (CommandLine.Model.OptionSpec option :
                    command.getValue().getCommandSpec().options()) {
                String[] description = option.description();
                if (description.length < 2) {
                    continue; // one element: picocli wraps it into the column as a paragraph
                }
                for (String line : description) {
                    String shown = line.replace("%%", "%");
                    if (shown.length() > column) {
                        tooWide.add(name + " " + option.longestName() + " (" + shown.length() + " > " + column + "): "
                                + shown);
                    }
                }
            }
        }
        assertThat(tooWide).as("help lines picocli would wrap").isEmpty();
    }

    /** Where option descriptions start in a command's rendered help, found on its --help row. */
    private static int descriptionColumn(CommandLine cmd) {
        for (String line : cmd.getUsageMessage(CommandLine.Help.Ansi.OFF).split("\\R")) {
            int name = line.indexOf("-h, --help");
            if (name >= 0) {
                int at = name + "-h, --help".length();
                while (at < line.length() && line.charAt(at) == ' ') {
                    at++;
                }
                return at;
            }
        }
        throw new AssertionError(cmd.getCommandName() + ": no --help row in its help");
    }

    /** The lines after "Examples:" up to the next blank line, trailing spaces removed. */
    private static List<String> exampleSection(String help) {
        List<String> out = new ArrayList<>();
        boolean in = false;
        for (String line : help.split("\\R", -1)) {
            if (line.equals("Examples:") || line.equals("Example:")) {
                in = true;
            } else if (in && line.isBlank()) {
                break;
            } else if (in) {
                out.add(line.stripTrailing());
            }
        }
        return out;
    }

    /** The landfall commands of an example section, each joined over its ' \' continuations, as words. */
    private static List<List<String>> commands(List<String> section) {
        List<List<String>> out = new ArrayList<>();
        StringBuilder current = null;
        boolean continues = false;
        for (String line : section) {
            String text = line.strip();
            if (continues) {
                if (current != null) {
                    current.append(' ').append(text);
                }
            } else if (text.matches("([A-Z_]+=\\S* )*landfall( .*)?")) {
                current = new StringBuilder(text);
            } else {
                current = null; // another program's line, such as curl
            }
            continues = text.endsWith(" \\");
            if (continues && current != null) {
                current.setLength(current.length() - 2);
            }
            if (!continues && current != null) {
                out.add(words(current.toString()));
                current = null;
            }
        }
        return out;
    }

    /** Shell words: quotes kept together, a leading VAR=value dropped, nothing from a redirect on. */
    private static List<String> words(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else if (quote == '"' && c == '\\' && i + 1 < line.length()) {
                    word.append(line.charAt(++i));
                } else {
                    word.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                inWord = true;
            } else if (c == '>' || c == '|' || c == ';') {
                break;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (inWord) {
            words.add(word.toString());
        }
        while (!words.isEmpty() && words.get(0).matches("[A-Z_]+=.*")) {
            words.remove(0);
        }
        List<String> out = new ArrayList<>();
        for (String w : words) {
            String value = w.equals("URL") ? URL : w;
            for (var placeholder : PLACEHOLDERS) {
                value = value.replace(placeholder.getKey(), placeholder.getValue());
            }
            out.add(value);
        }
        return out;
    }
}
