package dev.landfall.cli.render;

import dev.landfall.core.error.LandfallException;
import dev.landfall.core.io.AtomicFile;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where a report goes: stdout, or a file written atomically (a reader never sees half a report,
 * and a failed run leaves the previous file as it was).
 */
public final class ReportOutput {
    /** Writes a report. */
    public interface Body {
        void write(PrintWriter out) throws IOException;
    }

    private ReportOutput() {}

    /** Writes to {@code file}, or to {@code stdout} when it is null. */
    public static void write(Path file, PrintStream stdout, Body body) throws IOException {
        if (file == null) {
            PrintWriter w = new PrintWriter(new OutputStreamWriter(stdout, StandardCharsets.UTF_8));
            body.write(w);
            w.flush();
            return;
        }
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            throw LandfallException.usage(
                    "--out " + file + ": the directory " + parent + " does not exist",
                    "create it or choose another path");
        }
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try (Writer raw = new OutputStreamWriter(buffer, StandardCharsets.UTF_8);
                PrintWriter w = new PrintWriter(raw)) {
            body.write(w);
        }
        AtomicFile.write(file, buffer.toByteArray());
    }
}
