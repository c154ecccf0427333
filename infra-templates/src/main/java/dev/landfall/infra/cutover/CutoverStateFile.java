package dev.landfall.infra.cutover;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.landfall.core.error.LandfallException;
import dev.landfall.core.io.AtomicFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The cutover's state on disk: JSON, replaced atomically through {@link AtomicFile} (write to a
 * sibling, fsync, rename) so a crash leaves either the old state or the new one, never half of
 * either.
 */
public final class CutoverStateFile {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path path;

    public CutoverStateFile(Path path) {
        this.path = path.toAbsolutePath();
    }

    /** Where the state lives. */
    public Path path() {
        return path;
    }

    /** The saved state, if a cutover has run here. */
    public Optional<CutoverState> read() {
        if (!Files.exists(path)) {
            return Optional.empty();
        }
        try {
            CutoverState state = JSON.readValue(path.toFile(), CutoverState.class);
            if (state.version() != 1) {
                throw LandfallException.usage(
                        path + " has state format version " + state.version() + "; this Landfall reads version 1",
                        "finish that cutover with the Landfall version that started it");
            }
            return Optional.of(state);
        } catch (IOException e) {
            throw LandfallException.usage(
                    path + " is not a cutover state file ("
                            + e.getMessage().lines().findFirst().orElse("unreadable") + ")",
                    "point --state at the file an earlier `landfall cutover` wrote, or move this one away",
                    e);
        }
    }

    /** Saves {@code state}, replacing the previous one atomically. */
    public void write(CutoverState state) {
        try {
            Files.createDirectories(path.getParent());
            AtomicFile.write(path, JSON.writeValueAsBytes(state));
        } catch (IOException e) {
            throw LandfallException.failed(
                    "could not save the cutover state to " + path + ": " + e.getMessage(),
                    "free disk space or choose another --state file; traffic is at " + Percent.format(state.percent())
                            + "% on the " + state.control(),
                    e);
        }
    }
}
