package dev.landfall.infra.cutover;

import dev.landfall.core.error.LandfallException;
import dev.landfall.infra.spec.CutoverSpec;
import dev.landfall.infra.spec.ServiceSpec;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * {@code landfall cutover} as a library: picks what moves (the edge split or a region's dial),
 * starts or resumes the saved state, and runs the steps through {@link CutoverRun}. The caller
 * brings the AWS clients, the Cloudflare dial key and the gate that judges each bake, so this class
 * needs neither Cloudflare nor a dual run.
 *
 * <p>{@link #run} blocks on the calling thread; a stop request (an interrupt of that thread, or a
 * gate throwing {@link CutoverStopped}) ends it with {@link Outcome#stopped()}.
 */
public final class Cutover {
    private final Options options;
    private final AwsClients aws;
    private final CallJournal journal;
    private final Pause pause;
    private final Function<String, DialKey> dialKeys;
    private final Gates gates;
    private final List<Precheck> before;
    private final Consumer<String> progress;
    private final Clock clock;

    /**
     * What a cutover does; checked on construction.
     *
     * @param service the spec
     * @param region the region whose dial moves; empty for the edge split
     * @param steps increasing percentages above 0 and at most 100
     * @param bake time per step
     * @param edgePropagation the wait after an edge-split change (0 allowed)
     * @param stateFile where progress is saved
     * @param resume continue the saved cutover
     * @param readSplit for the edge split: turn the read split on, so the steps move reads only and
     *     writes stay where the dial's {@code writes} sends them (live migration)
     * @param settings the caller's settings, saved with the state so a resume can repeat them
     *     ({@link CutoverState#settings()})
     */
    public record Options(
            ServiceSpec service,
            Optional<String> region,
            List<Double> steps,
            Duration bake,
            Duration edgePropagation,
            Path stateFile,
            boolean resume,
            boolean readSplit,
            Map<String, List<String>> settings) {
        public Options {
            Objects.requireNonNull(service, "service");
            Objects.requireNonNull(region, "region");
            steps = List.copyOf(steps);
            Objects.requireNonNull(bake, "bake");
            Objects.requireNonNull(edgePropagation, "edgePropagation");
            Objects.requireNonNull(stateFile, "stateFile");
            settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings)); // in the order given
            region.ifPresentOrElse(
                    r -> CutoverTarget.requireRegion(service, r), () -> CutoverTarget.requireEdge(service));
            if (readSplit && region.isPresent()) {
                throw LandfallException.usage(
                        "the read split moves the edge split's reads; a region's dial moves every request",
                        "leave out --region to move reads at the edge, or the read split to move the region");
            }
        }

        /** These options with {@code now} as the settings to save. */
        public Options withSettings(Map<String, List<String>> now) {
            return new Options(service, region, steps, bake, edgePropagation, stateFile, resume, readSplit, now);
        }

        /** {@code landfall-cutover-SERVICE-TARGET.json}, the state file unless told otherwise. */
        public static Path defaultStateFile(ServiceSpec service, Optional<String> region) {
            return Path.of("landfall-cutover-" + service.name() + "-" + region.orElse("edge") + ".json");
        }
    }

    /** Makes the gate for the target's prechecks; called once, before the first step. */
    @FunctionalInterface
    public interface Gates {
        StepGate gate(List<Precheck> prechecks);
    }

    /**
     * How a cutover ended.
     *
     * @param state the final state, or where the saved state stood when stopped
     * @param stopped whether a stop request ended it (traffic stays where {@code state} says)
     */
    public record Outcome(CutoverState state, boolean stopped) {}

    /**
     * @param dialKeys the edge split's dial key in a KV namespace (used only for the edge split)
     * @param before checks of the caller's that must pass before each step too, run before the
     *     target's own so those are fresh when traffic moves (the follower's lag, {@link
     *     FollowerLagGate}); they are not re-judged after the bake
     * @param progress a line per step, for the operator
     * @param clock names the state of an ended cutover when a new one moves it aside
     */
    public Cutover(
            Options options,
            AwsClients aws,
            CallJournal journal,
            Pause pause,
            Function<String, DialKey> dialKeys,
            Gates gates,
            List<Precheck> before,
            Consumer<String> progress,
            Clock clock) {
        this.options = Objects.requireNonNull(options, "options");
        this.aws = Objects.requireNonNull(aws, "aws");
        this.journal = Objects.requireNonNull(journal, "journal");
        this.pause = Objects.requireNonNull(pause, "pause");
        this.dialKeys = Objects.requireNonNull(dialKeys, "dialKeys");
        this.gates = Objects.requireNonNull(gates, "gates");
        this.before = List.copyOf(before);
        this.progress = Objects.requireNonNull(progress, "progress");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Runs (or resumes) the cutover; state is saved after every change unless it is a dry run. */
    public Outcome run() {
        ServiceSpec service = options.service();
        try (AcceleratedService accelerated = AcceleratedService.connect(service, aws, journal, pause)) {
            CutoverTarget target = options.region()
                    .map(r -> CutoverTarget.region(service, r, accelerated))
                    .orElseGet(() -> CutoverTarget.edge(
                            service,
                            dialKeys,
                            accelerated,
                            journal,
                            pause,
                            options.edgePropagation(),
                            options.readSplit()));
            CutoverStateFile stateFile = new CutoverStateFile(options.stateFile());
            List<Precheck> prechecks = new ArrayList<>(before);
            prechecks.addAll(target.prechecks());
            CutoverRun run = new CutoverRun(
                    target.control(),
                    prechecks,
                    gates.gate(target.prechecks()),
                    options.bake(),
                    journal,
                    stateFile,
                    progress);
            CutoverState start =
                    run.start(options.resume(), service.name(), options.steps(), options.settings(), clock);
            try {
                return new Outcome(run.run(start), false);
            } catch (CutoverStopped stopped) {
                return new Outcome(stateFile.read().orElse(start), true);
            }
        }
    }

    /**
     * The steps: {@code text} ({@code --steps P,P,…}) when given, else the spec's.
     *
     * @throws LandfallException USAGE unless they increase, above 0 and at most 100
     */
    public static List<Double> steps(Optional<String> text, CutoverSpec plan) {
        List<Double> out = new ArrayList<>();
        if (text.isEmpty()) {
            plan.steps().forEach(p -> out.add(p.doubleValue()));
            return out;
        }
        double last = 0;
        for (String part : text.get().split(",", -1)) {
            double p;
            try {
                p = Double.parseDouble(part.strip());
            } catch (NumberFormatException e) {
                p = Double.NaN;
            }
            if (!(p > last && p <= 100)) {
                throw LandfallException.usage(
                        "--steps " + text.get() + " must be increasing percentages above 0 and at most 100",
                        "write e.g. --steps 1,5,25,50,100");
            }
            out.add(p);
            last = p;
        }
        return out;
    }
}
