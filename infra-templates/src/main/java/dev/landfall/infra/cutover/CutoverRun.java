package dev.landfall.infra.cutover;

import dev.landfall.core.error.LandfallException;
import dev.landfall.infra.cutover.CutoverState.Status;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Moves traffic step by step: before each step every precheck must pass, then the control is set
 * and confirmed, then the gate bakes and judges. A breach sets the control back to the last step
 * that passed (or where traffic started) and ends the run; state is saved after every change, so
 * a crash or Ctrl-C loses nothing and {@code --resume} continues from the first unjudged step.
 */
public final class CutoverRun {
    private final TrafficControl control;
    private final List<Precheck> prechecks;
    private final StepGate gate;
    private final Duration bake;
    private final CallJournal journal;
    private final CutoverStateFile stateFile;
    private final Consumer<String> progress;

    public CutoverRun(
            TrafficControl control,
            List<Precheck> prechecks,
            StepGate gate,
            Duration bake,
            CallJournal journal,
            CutoverStateFile stateFile,
            Consumer<String> progress) {
        this.control = Objects.requireNonNull(control, "control");
        this.prechecks = List.copyOf(prechecks);
        this.gate = Objects.requireNonNull(gate, "gate");
        this.bake = Objects.requireNonNull(bake, "bake");
        this.journal = Objects.requireNonNull(journal, "journal");
        this.stateFile = Objects.requireNonNull(stateFile, "stateFile");
        this.progress = Objects.requireNonNull(progress, "progress");
    }

    /**
     * Runs the steps from {@code state} on, returning the final state: {@link Status#COMPLETED},
     * {@link Status#ROLLED_BACK} or {@link Status#BLOCKED}. Throws {@link CutoverStopped} on
     * Ctrl-C after saving where traffic is.
     */
    public CutoverState run(CutoverState state) {
        CutoverState current = state;
        int total = current.steps().size();
        for (int index = current.completedSteps(); index < total; index++) {
            double percent = current.steps().get(index);
            String step = "step " + (index + 1) + "/" + total + " (" + Percent.format(percent) + "%)";
            checkInterrupted(current);
            List<String> problems = problems();
            if (!problems.isEmpty()) {
                String line = step + " not started: " + String.join("; ", problems);
                progress.accept(line);
                if (journal.isDryRun()) {
                    journal.note("stop here: " + String.join("; ", problems));
                    return current;
                }
                return save(current.ended(Status.BLOCKED, current.percent(), line));
            }
            progress.accept(step + ": setting the " + control.label() + " to " + Percent.format(percent) + "%");
            try {
                control.set(percent);
            } catch (CutoverStopped stopped) {
                throw stoppedWhileSetting(current, step);
            }
            if (journal.isDryRun()) {
                journal.note("bake " + bake.toSeconds() + " s, then judge; on a breach set the " + control.label()
                        + " back to " + Percent.format(current.lastGoodPercent()) + "%");
                current = current.moved(percent).passed(step + " (dry run)");
                continue;
            }
            current = save(current.moved(percent));
            GateVerdict verdict;
            try {
                verdict = gate.judge(index + 1, percent, bake);
            } catch (CutoverStopped stopped) {
                progress.accept(step + ": stopped during the bake; the " + control.label() + " stays at "
                        + Percent.format(percent) + "% (last passed step: " + Percent.format(current.lastGoodPercent())
                        + "%); --resume bakes this step again");
                throw stopped;
            }
            if (verdict.passed()) {
                progress.accept(step + " passed: " + verdict.summary());
                current = save(current.passed(step + " passed: " + verdict.summary()));
                continue;
            }
            double back = current.lastGoodPercent();
            progress.accept(step + " breached: " + verdict.summary());
            progress.accept("rolling back: setting the " + control.label() + " to " + Percent.format(back) + "%");
            control.set(back);
            return save(current.ended(
                    Status.ROLLED_BACK,
                    back,
                    step + " breached: " + verdict.summary() + "; rolled back to " + Percent.format(back) + "%"));
        }
        return current;
    }

    /**
     * Ctrl-C while a change was being made or waited for: the write may or may not have landed, so
     * the saved state takes where traffic really is, read back once the stop is acknowledged.
     */
    private CutoverStopped stoppedWhileSetting(CutoverState current, String step) {
        Thread.interrupted();
        double now = control.current();
        if (!journal.isDryRun()) {
            save(current.moved(now));
        }
        progress.accept(step + ": stopped while setting it; the " + control.label() + " is at " + Percent.format(now)
                + "% (last passed step: " + Percent.format(current.lastGoodPercent()) + "%); --resume sets this"
                + " step again");
        return new CutoverStopped();
    }

    private List<String> problems() {
        List<String> problems = new ArrayList<>();
        for (Precheck check : prechecks) {
            problems.addAll(check.problems());
        }
        return problems;
    }

    private void checkInterrupted(CutoverState state) {
        if (Thread.currentThread().isInterrupted()) {
            progress.accept("stopped; the " + control.label() + " stays at " + Percent.format(state.percent()) + "%");
            throw new CutoverStopped();
        }
    }

    private CutoverState save(CutoverState state) {
        if (!journal.isDryRun()) {
            stateFile.write(state);
        }
        return state;
    }

    /**
     * The state to start from: the saved one when resuming, else a fresh one. A new cutover over
     * one that ended (completed or rolled back) first moves the old state aside, beside the state
     * file, and says where; over one still in progress or blocked it is refused.
     *
     * @param settings the caller's settings, kept in the state for a later resume (when resuming,
     *     they replace the saved ones: the caller merged them)
     * @param clock names the archived state
     * @throws LandfallException USAGE when resuming without a resumable state, or starting over one
     */
    public CutoverState start(
            boolean resume, String service, List<Double> steps, Map<String, List<String>> settings, Clock clock) {
        var saved = stateFile.read();
        if (resume) {
            CutoverState state = saved.orElseThrow(() -> LandfallException.usage(
                    "--resume: no cutover state at " + stateFile.path(),
                    "start the cutover without --resume, or point --state at the file it wrote"));
            if (!state.control().equals(control.label()) || !state.steps().equals(steps)) {
                throw LandfallException.usage(
                        stateFile.path() + " is a cutover of the " + state.control() + " with steps " + state.steps()
                                + ", not of the " + control.label() + " with steps " + steps,
                        "resume with the same --steps and target, or start a new cutover with another --state file");
            }
            if (state.ended()) {
                throw LandfallException.usage(
                        "the cutover in " + stateFile.path() + " already ended: " + state.status(),
                        "start a new one without --resume (its state is then kept beside it as "
                                + stateFile.archiveName(state, clock.instant()).getFileName() + ")");
            }
            return state.withSettings(settings).ended(Status.IN_PROGRESS, state.percent(), "resumed");
        }
        if (saved.isPresent() && !saved.get().ended()) {
            throw LandfallException.usage(
                    "a cutover of the " + saved.get().control() + " is still in progress in " + stateFile.path()
                            + " (traffic at " + Percent.format(saved.get().percent()) + "%)",
                    "continue it with --resume, or move the state file away to start over");
        }
        saved.ifPresent(ended -> keepAside(ended, clock));
        return CutoverState.start(service, control.label(), steps, control.current(), settings);
    }

    private void keepAside(CutoverState ended, Clock clock) {
        String was = "the cutover in " + stateFile.path() + " ended " + ended.status() + " at "
                + Percent.format(ended.percent()) + "%";
        if (journal.isDryRun()) {
            journal.note("keep the ended cutover's state as " + stateFile.archiveName(ended, clock.instant()));
            return;
        }
        Path kept = stateFile.archive(ended, clock.instant());
        progress.accept(was + "; its state is kept as " + kept + "; starting a new cutover");
    }
}
