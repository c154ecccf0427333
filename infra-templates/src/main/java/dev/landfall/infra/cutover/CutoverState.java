package dev.landfall.infra.cutover;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Where a cutover stands, saved after every change so {@code --resume} continues it and an
 * operator can read what happened. {@code completedSteps} counts the steps that passed their gate;
 * {@code percent} is where traffic is now, which is ahead of the last passed step while a step
 * bakes.
 *
 * @param version format version, 1
 * @param service the spec's service name
 * @param control what the steps move, such as {@code eu-west-1 traffic dial}
 * @param steps the percentages, in order
 * @param startPercent where traffic was before the first step, the rollback floor
 * @param completedSteps how many steps passed
 * @param percent the percentage in effect now
 * @param status {@link Status}
 * @param history one line per judged step, rollback and stop, oldest first
 * @param settings the caller's settings of this cutover, saved so that {@code --resume} repeats
 *     them (the CLI keeps its options here, by flag); never interpreted here, empty in a state
 *     written before they were kept
 */
public record CutoverState(
        int version,
        String service,
        String control,
        List<Double> steps,
        double startPercent,
        int completedSteps,
        double percent,
        Status status,
        List<String> history,
        Map<String, List<String>> settings) {

    /** What the cutover is doing. */
    public enum Status {
        /** Steps remain; {@code --resume} continues. */
        IN_PROGRESS,
        /** Every step passed. */
        COMPLETED,
        /** A step breached its gate; traffic went back to the last good step. */
        ROLLED_BACK,
        /** A precheck failed before a step; traffic was not moved. */
        BLOCKED
    }

    public CutoverState {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(control, "control");
        steps = List.copyOf(steps);
        Objects.requireNonNull(status, "status");
        history = List.copyOf(history);
        settings = settings == null ? Map.of() : copy(settings);
    }

    private static Map<String, List<String>> copy(Map<String, List<String>> settings) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        settings.forEach((name, values) -> out.put(name, List.copyOf(values)));
        return Collections.unmodifiableMap(out);
    }

    /** A cutover about to start from {@code startPercent}. */
    public static CutoverState start(String service, String control, List<Double> steps, double startPercent) {
        return start(service, control, steps, startPercent, Map.of());
    }

    /** A cutover about to start from {@code startPercent}, keeping the caller's settings for a resume. */
    public static CutoverState start(
            String service,
            String control,
            List<Double> steps,
            double startPercent,
            Map<String, List<String>> settings) {
        return new CutoverState(
                1, service, control, steps, startPercent, 0, startPercent, Status.IN_PROGRESS, List.of(), settings);
    }

    /** Whether the cutover ended (completed or rolled back), so a new one may start over it. */
    public boolean ended() {
        return status == Status.COMPLETED || status == Status.ROLLED_BACK;
    }

    /** This state with the settings of the run that resumes it. */
    public CutoverState withSettings(Map<String, List<String>> now) {
        return new CutoverState(
                version, service, control, steps, startPercent, completedSteps, percent, status, history, now);
    }

    /** The percentage of the last step that passed, or the start. */
    public double lastGoodPercent() {
        return completedSteps == 0 ? startPercent : steps.get(completedSteps - 1);
    }

    CutoverState moved(double now) {
        return new CutoverState(
                version,
                service,
                control,
                steps,
                startPercent,
                completedSteps,
                now,
                Status.IN_PROGRESS,
                history,
                settings);
    }

    CutoverState passed(String line) {
        int done = completedSteps + 1;
        Status next = done == steps.size() ? Status.COMPLETED : Status.IN_PROGRESS;
        return new CutoverState(
                version, service, control, steps, startPercent, done, percent, next, with(line), settings);
    }

    CutoverState ended(Status end, double now, String line) {
        return new CutoverState(
                version, service, control, steps, startPercent, completedSteps, now, end, with(line), settings);
    }

    private List<String> with(String line) {
        List<String> lines = new ArrayList<>(history);
        lines.add(line);
        return lines;
    }
}
