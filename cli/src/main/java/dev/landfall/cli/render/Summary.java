package dev.landfall.cli.render;

import java.io.PrintStream;

/** What a command prints on stdout at the end: lines for a person, or one JSON document with {@code --json}. */
public interface Summary {
    void text(PrintStream out);

    void json(PrintStream out);

    /** The JSON document when {@code json}, else the text. */
    default void print(PrintStream out, boolean json) {
        if (json) {
            json(out);
        } else {
            text(out);
        }
    }
}
