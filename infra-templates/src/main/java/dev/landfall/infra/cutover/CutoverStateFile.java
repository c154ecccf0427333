package dev.landfall.infra.cutover;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.landfall.core.error.LandfallException;
import dev.landfall.core.io.AtomicFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;

/**
 * The cutover's state on disk: JSON, replaced atomically through {@link AtomicFile} (write to a
 * sibling, fsync, rename) so a crash leaves either the old state or the new one, never half of
 * either.
 */
public final class CutoverStateFile {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

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

    /**
     * Where {@link #archive} would keep an ended cutover's state: beside this file, named for how
     * it ended and when, e.g. {@code cutover-state.json.rolled-back-20260101T120000Z}.
     */
    public Path archiveName(CutoverState ended, Instant at) {
        String status = ended.status().name().toLowerCase(Locale.ROOT).replace('_', '-');
        return path.resolveSibling(path.getFileName() + "." + status + "-" + STAMP.format(at));
    }

    /**
     * Moves an ended cutover's state aside to {@link #archiveName} (with {@code -2}, {@code -3}, …
     * added if that exists), so a new cutover can start here and the old record is never lost.
     *
     * @return where the old state now is
     */
    public Path archive(CutoverState ended, Instant at) {
        Path base = archiveName(ended, at);
        Path target = base;
        for (int n = 2; Files.exists(target, LinkOption.NOFOLLOW_LINKS); n++) {
            target = base.resolveSibling(base.getFileName() + "-" + n);
        }
        try {
            // Without REPLACE_EXISTING the move refuses a target that appeared meanwhile.
            return Files.move(path, target);
        } catch (IOException e) {
            throw LandfallException.failed(
                    "could not move the ended cutover's state " + path + " aside to " + target + ": " + e.getMessage(),
                    "check the directory is writable, or move the file away yourself; nothing was changed",
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
