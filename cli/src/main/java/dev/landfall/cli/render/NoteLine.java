package dev.landfall.cli.render;

import dev.landfall.core.text.VisibleText;
import java.io.PrintStream;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A source's notes on stderr ({@code export: waiting 183 s for the API budget (…)}), one line
 * each, as they happen and from any thread. On a terminal the progress line being redrawn in place
 * is cleared first, so the note stands on a line of its own and the next redraw starts below it.
 * Printed with {@code --json} too: stdout holds the document, and a silent wait looks like a hang.
 *
 * @param verb the command's name, which starts every line ({@code export}, {@code migrate})
 * @param tty clear a line redrawn in place before printing (a terminal)
 */
public record NoteLine(String verb, PrintStream err, boolean tty) implements Consumer<String> {
    public NoteLine {
        Objects.requireNonNull(verb, "verb");
        Objects.requireNonNull(err, "err");
    }

    @Override
    public void accept(String note) {
        String line = verb + ": " + VisibleText.of(note);
        synchronized (err) {
            err.println(tty ? "\r\033[2K" + line : line);
            err.flush();
        }
    }
}
