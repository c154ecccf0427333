package dev.landfall.cli.option;

import dev.landfall.cloudflare.inventory.Answers;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The four questions of the inventory's assessment, as flags or an answers file (docs/inventory.md):
 * {@code --request-path}, {@code --p99-target}, {@code --data-heat}, {@code --self-hostable},
 * {@code --answers FILE}. Flags win over the file.
 */
public final class AnswerOptions {
    @Option(
            names = "--request-path",
            paramLabel = "WHERE",
            description = "Where the service sits: edge, inline, backend or offline.")
    String requestPath;

    @Option(names = "--p99-target", paramLabel = "DURATION", description = "Its p99 latency target, e.g. 50ms.")
    String p99Target;

    @Option(names = "--data-heat", paramLabel = "HEAT", description = "How hot its data is: hot, warm or cold.")
    String dataHeat;

    @Option(names = "--self-hostable", paramLabel = "yes|no", description = "Whether it must run on any Docker host.")
    String selfHostable;

    @Option(
            names = "--answers",
            paramLabel = "FILE",
            description = "Answers as 'question: answer' lines (request-path, p99-target, data-heat,"
                    + " self-hostable); flags win.")
    Path answersFile;

    /**
     * The answers given, each checked and naming where it came from; the file is read here.
     *
     * @throws dev.landfall.core.error.LandfallException USAGE for a bad answer or an unreadable file
     */
    public Answers answers() {
        Answers a = Answers.NONE;
        if (requestPath != null) {
            a = a.with("request-path", requestPath, "--request-path");
        }
        if (p99Target != null) {
            a = a.with("p99-target", p99Target, "--p99-target");
        }
        if (dataHeat != null) {
            a = a.with("data-heat", dataHeat, "--data-heat");
        }
        if (selfHostable != null) {
            a = a.with("self-hostable", selfHostable, "--self-hostable");
        }
        return a.or(answersFile == null ? Answers.NONE : Answers.read(answersFile));
    }
}
