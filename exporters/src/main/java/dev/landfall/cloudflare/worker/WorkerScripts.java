package dev.landfall.cloudflare.worker;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/** The export Worker's JavaScript modules, as shipped in the jar. */
public final class WorkerScripts {
    /** Every module, in no particular order; {@code index.mjs} re-exports the public names. */
    public static final List<String> MODULES = List.of(
            "index.mjs",
            "typed-json.mjs",
            "protocol.mjs",
            "export-do.mjs",
            "router.mjs",
            "capture-config.mjs",
            "capture.mjs",
            "change-log.mjs",
            "change-recorder.mjs",
            "do-capture.mjs");

    private WorkerScripts() {}

    /** The text of one module. */
    public static String read(String module) {
        if (!MODULES.contains(module)) {
            throw new IllegalArgumentException("not an export Worker module: " + module);
        }
        try (InputStream in = WorkerScripts.class.getResourceAsStream(module)) {
            if (in == null) {
                throw new IllegalStateException("export Worker module missing from the jar: " + module);
            }
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes every module into {@code dir} (created if needed), replacing files of the same name. */
    public static void copyTo(Path dir) throws IOException {
        Files.createDirectories(dir);
        for (String module : MODULES) {
            try (InputStream in = WorkerScripts.class.getResourceAsStream(module)) {
                if (in == null) {
                    throw new IllegalStateException("export Worker module missing from the jar: " + module);
                }
                Files.copy(in, dir.resolve(module), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }
}
