package dev.landfall.cli.runbook;

import static org.junit.jupiter.api.Assertions.fail;

import dev.landfall.cli.CommandSyntax;
import dev.landfall.cli.runbook.Runbook.Block;
import dev.landfall.cli.runbook.Runbook.Command;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/**
 * Runs a {@link Runbook} as an operator would paste it: every command through bash in one working
 * directory, the environment carried from command to command (so {@code export} and {@code cd}
 * work), {@code landfall} on the PATH, and each exit code checked against the page's promise.
 * Durations an operator waits in minutes are shortened by {@link #shorten}, and nothing else
 * changes.
 */
public final class RunbookRunner implements AutoCloseable {
    private static final Duration BACKGROUND_READY = Duration.ofMinutes(3);
    private static final Duration COMMAND_LIMIT = Duration.ofMinutes(5);

    private final Path work;
    private final Path clone;
    private final Path state;
    private final Map<String, String> environment;
    private final Map<String, String> site;
    private final Map<String, Consumer<Path>> editors;
    private final Map<Pattern, String> shortened = new LinkedHashMap<>();
    private final List<Background> background = new ArrayList<>();
    private final List<String> transcript = new ArrayList<>();
    private int counter;
    private Runnable beforeStop = () -> {};

    /**
     * @param work the operator's working directory
     * @param clone the clone of the source the page installs from
     * @param environment the process environment every command starts with (PATH with landfall
     *     first, HOME)
     * @param site the values of the page's {@code site} block, by name
     * @param editors what fills in each file an {@code edit} block names
     */
    public RunbookRunner(
            Path work,
            Path clone,
            Map<String, String> environment,
            Map<String, String> site,
            Map<String, Consumer<Path>> editors)
            throws IOException {
        this.work = work;
        this.clone = clone;
        this.state = Files.createDirectories(work.resolve(".runbook")).resolve("env.sh");
        this.environment = new LinkedHashMap<>(environment);
        this.environment.putAll(site);
        this.site = Map.copyOf(site);
        this.editors = Map.copyOf(editors);
    }

    /** Replaces what {@code pattern} matches in landfall commands that run, e.g. {@code --bake 10m}. */
    public RunbookRunner shorten(String pattern, String replacement) {
        shortened.put(Pattern.compile(pattern), replacement);
        return this;
    }

    /** What the test does when the page stops the background commands, before it does. */
    public RunbookRunner beforeStop(Runnable action) {
        beforeStop = action;
        return this;
    }

    /** What ran, a line per command with its exit code: for the failure message and the report. */
    public List<String> transcript() {
        return List.copyOf(transcript);
    }

    /** Runs every block in order; the first broken promise fails with the page line. */
    public void run(Runbook runbook, String page) throws IOException, InterruptedException {
        for (Block block : runbook.blocks()) {
            switch (block.mode()) {
                case SITE -> checkSite(block, page);
                case CLOUD -> checkSyntax(block, page);
                case EDIT -> edit(block, page);
                case BACKGROUND -> start(block, page);
                case STOP -> {
                    stopBackground(page);
                    runAll(block, page);
                }
                case RUN -> runAll(block, page);
                case CLONE -> {
                    runAll(block, page, "cd " + quote(clone) + " && ");
                    Files.writeString(
                            state,
                            "export RUNBOOK_CWD=" + quote(work) + "\n",
                            java.nio.file.StandardOpenOption.CREATE,
                            java.nio.file.StandardOpenOption.APPEND);
                }
            }
        }
    }

    private void checkSite(Block block, String page) {
        for (Command c : block.commands()) {
            Matcher m = Pattern.compile("^export ((?:[A-Z_][A-Z0-9_]*=\\S*\\s*)+)$")
                    .matcher(c.text().replaceAll("\\s+#.*$", ""));
            if (!m.matches()) {
                fail(where(page, c) + ": a site block holds only 'export NAME=VALUE …': " + c.text());
            }
            for (String assignment : m.group(1).trim().split("\\s+")) {
                String name = assignment.substring(0, assignment.indexOf('='));
                if (!site.containsKey(name)) {
                    fail(where(page, c) + ": the test has no value for the site variable " + name
                            + "; give RunbookIT one");
                }
            }
            transcript.add("site " + c.text());
        }
    }

    private void checkSyntax(Block block, String page) throws IOException, InterruptedException {
        for (Command c : block.commands()) {
            if (c.isLandfall()) {
                List<String> words = words(c.text().substring("landfall ".length()));
                try {
                    CommandSyntax.check(words.toArray(String[]::new));
                } catch (CommandLine.ParameterException e) {
                    fail(where(page, c) + ": landfall refuses it: " + e.getMessage() + "\n  " + c.text());
                }
            } else {
                Result r = bash(List.of("bash", "-n", "-c", c.text()), Duration.ofSeconds(10));
                if (r.exit() != 0) {
                    fail(where(page, c) + ": not valid bash: " + r.output());
                }
            }
            transcript.add("checked " + c.text());
        }
    }

    private void edit(Block block, String page) {
        Consumer<Path> editor = editors.get(block.argument());
        if (editor == null) {
            fail(page + ":" + block.line() + ": the test cannot fill in " + block.argument()
                    + "; give RunbookIT an editor");
        }
        Path file = work.resolve(block.argument());
        if (!Files.exists(file)) {
            fail(page + ":" + block.line() + ": " + block.argument()
                    + " does not exist yet: an earlier step must write it");
        }
        editor.accept(file);
        transcript.add("edited " + block.argument());
    }

    private void runAll(Block block, String page) throws IOException, InterruptedException {
        runAll(block, page, "");
    }

    private void runAll(Block block, String page, String prefix) throws IOException, InterruptedException {
        for (Command c : block.commands()) {
            Result r = bash(script(prefix + shortenIn(c.text())), COMMAND_LIMIT);
            transcript.add("exit " + r.exit() + ": " + c.text());
            if (r.exit() != c.exit()) {
                fail(where(page, c) + ": exited " + r.exit() + ", the page promises " + c.exit() + "\n  " + c.text()
                        + "\n--- output (last lines)\n" + tail(r.output()));
            }
        }
    }

    private void start(Block block, String page) throws IOException, InterruptedException {
        for (Command c : block.commands()) {
            Path log = work.resolve(".runbook").resolve("background-" + (++counter) + ".log");
            ProcessBuilder b = new ProcessBuilder(script("exec " + shortenIn(c.text())))
                    .directory(work.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            b.environment().clear();
            b.environment().putAll(environment);
            Process p = b.start();
            background.add(new Background(c, p, log));
            transcript.add("started: " + c.text());
            String ready = block.argument().replaceAll("^\"|\"$", "");
            Instant deadline = Instant.now().plus(BACKGROUND_READY);
            while (!ready.isEmpty() && !Files.readString(log).contains(ready)) {
                if (!p.isAlive()) {
                    fail(where(page, c) + ": ended (exit " + p.exitValue() + ") before showing '" + ready + "'\n"
                            + tail(Files.readString(log)));
                }
                if (Instant.now().isAfter(deadline)) {
                    fail(where(page, c) + ": did not show '" + ready + "' within " + BACKGROUND_READY + "\n"
                            + tail(Files.readString(log)));
                }
                Thread.sleep(200);
            }
        }
    }

    private void stopBackground(String page) throws IOException, InterruptedException {
        beforeStop.run();
        for (Background b : background) {
            // Ctrl-C: landfall stops at a committed batch on SIGINT and SIGTERM alike; a process started
            // from a non-interactive shell ignores SIGINT, so the test sends SIGTERM.
            b.process().toHandle().descendants().forEach(ProcessHandle::destroy);
            b.process().destroy();
            if (!b.process().waitFor(2, TimeUnit.MINUTES)) {
                b.process().destroyForcibly();
                fail(where(page, b.command()) + ": did not stop within 2 minutes of Ctrl-C\n"
                        + tail(Files.readString(b.log())));
            }
            int exit = b.process().exitValue();
            transcript.add("stopped, exit " + exit + ": " + b.command().text());
            if (exit != b.command().exit()) {
                fail(where(page, b.command()) + ": stopped with exit " + exit + ", the page promises "
                        + b.command().exit() + "\n" + tail(Files.readString(b.log())));
            }
        }
        background.clear();
    }

    /** The words bash makes of {@code args} in the carried environment, for a syntax check. */
    private List<String> words(String args) throws IOException, InterruptedException {
        Result r = bash(script("printf '%s\\0' " + args.replaceAll("\\s+#.*$", "")), Duration.ofSeconds(10));
        if (r.exit() != 0) {
            fail("bash could not expand: " + args + "\n" + r.output());
        }
        List<String> out = new ArrayList<>();
        for (String w : r.output().split("\0", -1)) {
            out.add(w);
        }
        out.remove(out.size() - 1);
        return out;
    }

    private List<String> script(String command) {
        String body = "if [ -f " + quote(state) + " ]; then . " + quote(state) + "; fi\n"
                + "cd \"${RUNBOOK_CWD:-" + work + "}\"\n"
                + "trap 'rc=$?; export -p | grep -v -e \" PWD=\" -e \" OLDPWD=\" -e \" SHLVL=\" > " + quote(state)
                + "; echo \"export RUNBOOK_CWD=$(printf %q \"$PWD\")\" >> " + quote(state) + "; exit $rc' EXIT\n"
                + command + "\n";
        return List.of("bash", "-c", body);
    }

    private String shortenIn(String command) {
        String out = command;
        if (out.startsWith("landfall ") || out.contains(" landfall ")) {
            for (Map.Entry<Pattern, String> e : shortened.entrySet()) {
                out = e.getKey().matcher(out).replaceAll(e.getValue());
            }
        }
        return out;
    }

    private Result bash(List<String> command, Duration limit) throws IOException, InterruptedException {
        ProcessBuilder b = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true);
        b.environment().clear();
        b.environment().putAll(environment);
        Path out = work.resolve(".runbook").resolve("out-" + (++counter) + ".log");
        b.redirectOutput(out.toFile());
        Process p = b.start();
        if (!p.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
            p.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            return new Result(-1, Files.readString(out, StandardCharsets.UTF_8) + "\n(killed after " + limit + ")");
        }
        return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
    }

    private static String where(String page, Command c) {
        return page + ":" + c.line();
    }

    private static String quote(Path p) {
        return "'" + p.toString().replace("'", "'\\''") + "'";
    }

    private static String tail(String text) {
        String[] lines = text.split("\n");
        int from = Math.max(0, lines.length - 40);
        return String.join("\n", java.util.Arrays.copyOfRange(lines, from, lines.length));
    }

    @Override
    public void close() throws IOException, InterruptedException {
        for (Background b : background) {
            b.process().toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
            b.process().destroyForcibly();
            b.process().waitFor(10, TimeUnit.SECONDS);
        }
    }

    private record Result(int exit, String output) {}

    private record Background(Command command, Process process, Path log) {}
}
