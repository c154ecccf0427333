package dev.landfall.sandbox;

import dev.landfall.core.error.LandfallException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A Durable Object namespace the sandbox lists but whose objects live elsewhere (a local workerd):
 * {@code --external-do CLASS=IDS_FILE[:sqlite]}, read before the sandbox starts.
 *
 * @param className the class
 * @param sqlite whether the objects are SQLite-backed
 * @param ids the 64-hex object ids
 */
public record ExternalObjects(String className, boolean sqlite, List<String> ids) {
    public ExternalObjects {
        Objects.requireNonNull(className, "className");
        ids = List.copyOf(ids);
    }

    /**
     * Parses the flag and reads its ids file.
     *
     * @throws LandfallException USAGE naming {@code --external-do}, the file or the bad id
     */
    public static ExternalObjects parse(String text) {
        String hint = "write CLASS=IDS_FILE or CLASS=IDS_FILE:sqlite, the file holding 64-hex object ids one a line";
        int eq = text.indexOf('=');
        if (eq < 1 || !text.substring(0, eq).matches("[A-Za-z_$][A-Za-z0-9_$]{0,127}")) {
            throw LandfallException.usage("--external-do '" + text + "': expected CLASS=IDS_FILE", hint);
        }
        String rest = text.substring(eq + 1);
        boolean sqlite = rest.endsWith(":sqlite");
        Path file = Path.of(sqlite ? rest.substring(0, rest.length() - ":sqlite".length()) : rest);
        List<String> ids = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(file)) {
                String id = line.strip();
                if (id.isEmpty()) {
                    continue;
                }
                if (!id.matches("[0-9a-f]{64}")) {
                    throw LandfallException.usage(
                            "--external-do " + text + ": '" + id + "' in " + file + " is not a 64-hex object id", hint);
                }
                ids.add(id);
            }
        } catch (IOException e) {
            throw LandfallException.usage("--external-do " + text + ": cannot read " + file, hint, e);
        }
        return new ExternalObjects(text.substring(0, eq), sqlite, ids);
    }
}
