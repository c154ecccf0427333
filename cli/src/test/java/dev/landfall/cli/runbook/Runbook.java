package dev.landfall.cli.runbook;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The operator runbook as a script: every {@code bash} block of the page, in order, each command
 * (continuation lines joined) with the exit code the page promises for it. A command promises 0
 * unless its trailing comment says {@code exit N}. An HTML comment {@code <!-- runbook: MODE -->}
 * just before a block says how the test treats the whole block:
 *
 * <ul>
 *   <li>{@code clone}: run in the clone of the source (installing from it), then back in the working
 *       directory;
 *   <li>{@code site}: the operator's own values ({@code export NAME=…}); the test supplies its own for
 *       exactly those names;
 *   <li>{@code cloud}: only meaningful against real clouds (a deploy, a DNS change): checked for
 *       syntax, not run;
 *   <li>{@code background TEXT}: each command starts and keeps running, as in a second terminal;
 *       the next block waits until its output shows TEXT;
 *   <li>{@code stop}: before the block, the background commands are stopped as Ctrl-C stops them,
 *       and each must end with the exit code its comment promises;
 *   <li>{@code edit FILE}: the block shows what to fill in; the test fills in its own values.
 * </ul>
 *
 * @param blocks the blocks in page order
 */
public record Runbook(List<Block> blocks) {
    private static final Pattern MARKER = Pattern.compile("<!--\\s*runbook:\\s*([a-z]+)\\s*([^>]*?)\\s*-->");
    private static final Pattern EXIT = Pattern.compile("#.*\\bexits? (\\d+)\\b");

    /** How the test treats a block. */
    public enum Mode {
        RUN,
        CLONE,
        SITE,
        CLOUD,
        BACKGROUND,
        STOP,
        EDIT
    }

    /**
     * One fenced block.
     *
     * @param mode how it is treated
     * @param argument the marker's argument (the file of {@code edit}), or ""
     * @param line the page line of its opening fence
     * @param commands its commands, in order
     * @param text its text, as written
     */
    public record Block(Mode mode, String argument, int line, List<Command> commands, String text) {}

    /**
     * One command, continuation lines joined.
     *
     * @param text the command as bash reads it (the trailing comment kept)
     * @param line the page line it starts on
     * @param exit the exit code the page promises
     */
    public record Command(String text, int line, int exit) {
        /** Whether it runs the landfall command. */
        public boolean isLandfall() {
            return text.startsWith("landfall ");
        }
    }

    public static Runbook read(Path page) throws IOException {
        return parse(Files.readString(page));
    }

    /** Reads the page's blocks; a {@code yaml} block counts only after an {@code edit} marker. */
    public static Runbook parse(String page) {
        List<Block> blocks = new ArrayList<>();
        String[] lines = page.split("\n", -1);
        Mode pending = null;
        String argument = "";
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            Matcher m = MARKER.matcher(line.trim());
            if (m.matches()) {
                pending = Mode.valueOf(m.group(1).toUpperCase(java.util.Locale.ROOT));
                argument = m.group(2);
                continue;
            }
            if (!line.startsWith("```")) {
                if (!line.isBlank()) {
                    // A marker belongs to the block right after it, not one further down.
                    pending = null;
                }
                continue;
            }
            String language = line.substring(3).trim();
            int start = i;
            StringBuilder text = new StringBuilder();
            for (i++; i < lines.length && !lines[i].startsWith("```"); i++) {
                text.append(lines[i]).append('\n');
            }
            boolean bash = language.equals("bash") || language.equals("sh");
            if (bash || pending == Mode.EDIT) {
                Mode mode = pending == null ? Mode.RUN : pending;
                blocks.add(new Block(
                        mode,
                        argument,
                        start + 1,
                        bash ? commands(text.toString(), start + 2) : List.of(),
                        text.toString()));
            }
            pending = null;
            argument = "";
        }
        return new Runbook(List.copyOf(blocks));
    }

    private static List<Command> commands(String text, int firstLine) {
        List<Command> out = new ArrayList<>();
        String[] lines = text.split("\n");
        StringBuilder current = null;
        int startLine = 0;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (current == null) {
                String t = line.trim();
                if (t.isEmpty() || t.startsWith("#")) {
                    continue;
                }
                current = new StringBuilder();
                startLine = firstLine + i;
            }
            String t = line.strip();
            if (t.endsWith("\\")) {
                current.append(t, 0, t.length() - 1).append(' ');
                continue;
            }
            current.append(t);
            String command = current.toString().replaceAll(" {2,}", " ");
            out.add(new Command(command, startLine, exitOf(command).orElse(0)));
            current = null;
        }
        if (current != null) {
            throw new IllegalArgumentException("line " + startLine + ": a command ends with a continuation");
        }
        return out;
    }

    private static Optional<Integer> exitOf(String command) {
        Matcher m = EXIT.matcher(command);
        return m.find() ? Optional.of(Integer.parseInt(m.group(1))) : Optional.empty();
    }
}
