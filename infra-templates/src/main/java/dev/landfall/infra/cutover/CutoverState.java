package dev.landfall.infra.cutover;

import java.util.ArrayList;
import java.util.List;
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
        List<String> history) {

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
    }

    /** A cutover about to start from {@code startPercent}. */
    public static CutoverState start(String service, String control, List<Double> steps, double startPercent) {
        return new CutoverState(
                1, service, control, steps, startPercent, 0, startPercent, Status.IN_PROGRESS, List.of());
    }

    /** The percentage of the last step that passed, or the start. */
    public double lastGoodPercent() {
        return completedSteps == 0 ? startPercent : steps.get(completedSteps - 1);
    }

    CutoverState moved(double now) {
        return new CutoverState(
                version, service, control, steps, startPercent, completedSteps, now, Status.IN_PROGRESS, history);
    }

    CutoverState passed(String line) {
        int done = completedSteps + 1;
        Status next = done == steps.size() ? Status.COMPLETED : Status.IN_PROGRESS;
        return new CutoverState(version, service, control, steps, startPercent, done, percent, next, with(line));
    }

    CutoverState ended(Status end, double now, String line) {
        return new CutoverState(version, service, control, steps, startPercent, completedSteps, now, end, with(line));
    }

    private List<String> with(String line) {
        List<String> lines = new ArrayList<>(history);
        lines.add(line);
        return lines;
    }
}
