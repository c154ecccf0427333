package dev.landfall.cli.cutover;

import dev.landfall.core.error.LandfallException;
import dev.landfall.infra.cutover.CutoverState;
import dev.landfall.infra.cutover.CutoverStateFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * {@code cutover --resume}: the run continues with every option its cutover was started with
 * ({@link StartingOptions}), parsed into the command again with those given now, which must agree
 * with them.
 */
public final class CutoverResume {
    private CutoverResume() {}

    /**
     * Parses the options saved in {@code stateFile} into {@code command}, over those given now.
     *
     * @param progress told which options the cutover resumes with
     * @return whether saved options were found and taken; when not, the command keeps what it was
     *     given (the run says that no state was found, or continues a state saved before options
     *     were kept)
     * @throws LandfallException USAGE when an option given now differs from the saved one, or the
     *     saved ones do not parse
     */
    public static boolean takeSavedOptions(CommandLine command, Path stateFile, Consumer<String> progress) {
        Optional<CutoverState> saved = new CutoverStateFile(stateFile).read();
        if (saved.isEmpty() || saved.get().settings().isEmpty()) {
            return false;
        }
        Map<String, List<String>> options = saved.get().settings();
        List<String> notes = new ArrayList<>();
        List<String> args = StartingOptions.resumed(options, command.getParseResult(), stateFile, notes::add);
        try {
            command.parseArgs(args.toArray(String[]::new));
        } catch (ParameterException e) {
            throw LandfallException.usage(
                    "--resume: the options saved in " + stateFile + " do not read: " + e.getMessage(),
                    "start a new cutover with another --state file",
                    e);
        }
        progress.accept("resuming " + stateFile + " with the options it was started with: "
                + StartingOptions.describe(options));
        notes.forEach(progress);
        return true;
    }
}
