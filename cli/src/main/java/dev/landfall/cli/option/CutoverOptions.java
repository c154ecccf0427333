package dev.landfall.cli.option;

import dev.landfall.cli.cutover.CutoverResume;
import dev.landfall.cli.cutover.StartingOptions;
import dev.landfall.core.error.LandfallException;
import dev.landfall.infra.cutover.Cutover;
import dev.landfall.infra.spec.CutoverSpec;
import dev.landfall.infra.spec.ServiceSpec;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * What {@code cutover} moves, in which steps and where it keeps its state; defaults from the spec's
 * {@code cutover} block (docs/cutover.md).
 */
public final class CutoverOptions {
    @Option(
            names = "--region",
            paramLabel = "REGION",
            description = "Move this region's traffic dial instead of the edge split.")
    String region;

    @Option(names = "--steps", paramLabel = "P,P,…", description = "Percentages in order (default: cutover.steps).")
    String steps;

    @Option(names = "--bake", paramLabel = "DURATION", description = "Time per step (default: cutover.bake).")
    String bake;

    @Option(
            names = "--edge-propagation",
            paramLabel = "DURATION",
            defaultValue = "60s",
            description = "Wait after an edge-split change for every edge to see it (default: ${DEFAULT-VALUE},"
                    + " the Worker's KV cache).")
    String edgePropagation = "60s";

    @Option(
            names = "--state",
            paramLabel = "FILE",
            description = "Where progress is saved (default: landfall-cutover-SERVICE-TARGET.json).")
    Path state;

    @Option(
            names = "--resume",
            description = "Continue the cutover saved in the state file with the options it was started with"
                    + " (give none again; one given with another value is refused).")
    boolean resume;

    @Option(
            names = "--read-split",
            description = "On the edge split: move reads only (GET/HEAD, cutover.edge.writes says what a write"
                    + " is); writes stay on the old service until migrate --final (docs/live-migration.md).")
    boolean readSplit;

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    /**
     * With {@code --resume}, parses the options the saved cutover was started with into the
     * command, over those given now ({@link CutoverResume}).
     *
     * @return whether saved options were taken, so every option now holds the cutover's
     * @throws dev.landfall.core.error.LandfallException USAGE when an option given now differs from
     *     the saved one, or several cutovers are saved and none is named
     */
    public boolean takeSavedOptions(ServiceSpec service, Consumer<String> progress) {
        return resume && CutoverResume.takeSavedOptions(command.commandLine(), stateFileToResume(service), progress);
    }

    /**
     * The state file a resume continues: {@code --state}; else the default for {@code --region};
     * else the edge split's, if saved; else the one cutover of this service saved in the working
     * directory, whatever its target, so {@code --resume} alone finds a region's too.
     *
     * @throws dev.landfall.core.error.LandfallException USAGE when several are saved there
     */
    private Path stateFileToResume(ServiceSpec service) {
        if (state != null || region != null) {
            return state != null ? state : Cutover.Options.defaultStateFile(service, Optional.ofNullable(region));
        }
        Path edge = Cutover.Options.defaultStateFile(service, Optional.empty());
        if (Files.exists(edge)) {
            return edge;
        }
        String prefix = "landfall-cutover-" + service.name() + "-";
        List<Path> saved;
        try (Stream<Path> files = Files.list(Path.of(""))) {
            saved = files.filter(f -> {
                        String name = f.getFileName().toString();
                        return name.startsWith(prefix) && name.endsWith(".json");
                    })
                    .sorted()
                    .toList();
        } catch (IOException e) {
            return edge;
        }
        if (saved.size() > 1) {
            throw LandfallException.usage(
                    "--resume: " + saved.size() + " cutovers of " + service.name() + " are saved here ("
                            + saved.stream().map(Path::toString).collect(Collectors.joining(", ")) + ")",
                    "say which: --region REGION, or --state FILE");
        }
        return saved.isEmpty() ? edge : saved.get(0);
    }

    /**
     * {@code options} with what a resume repeats ({@link StartingOptions}): the options of this
     * command line, and the values the spec filled in, in flag syntax, so a resume keeps them even
     * if the spec changes meanwhile: {@code --steps} and {@code --bake}, then {@code others}.
     */
    public Cutover.Options withStartingOptions(Cutover.Options options, Map<String, String> others) {
        Map<String, String> filled = new LinkedHashMap<>();
        filled.put(
                "--steps",
                options.steps().stream()
                        .map(p -> BigDecimal.valueOf(p).stripTrailingZeros().toPlainString())
                        .collect(Collectors.joining(",")));
        filled.put("--bake", bake == null ? options.service().cutover().bake() : bake);
        filled.putAll(others);
        return options.withSettings(StartingOptions.of(command.commandLine().getParseResult(), filled));
    }

    /**
     * The cutover's settings, each flag checked, the spec filling in what is not given.
     *
     * @throws dev.landfall.core.error.LandfallException USAGE naming the flag or spec field
     */
    public Cutover.Options options(ServiceSpec service) {
        CutoverSpec plan = service.cutover();
        Optional<String> where = Optional.ofNullable(region);
        return new Cutover.Options(
                service,
                where,
                Cutover.steps(Optional.ofNullable(steps), plan),
                DurationFlag.positive("--bake", bake == null ? plan.bake() : bake, "5m"),
                // 0 is allowed: a sandbox or a Worker without KV caching needs no wait.
                DurationFlag.parse("--edge-propagation", edgePropagation, "60s"),
                state != null ? state : Cutover.Options.defaultStateFile(service, where),
                resume,
                readSplit,
                Map.of()); // added by withStartingOptions, once the spec filled in the other groups' too
    }
}
