package dev.landfall.infra.cutover;

import java.time.Duration;

/**
 * Judges a step after traffic moved: bakes for the step's time while measuring the new path,
 * then passes it or not. The dual-run latency verification is the real gate; {@link
 * #bakeOnly(Pause, Precheck...)} waits and re-runs the prechecks when no endpoints to compare
 * were given.
 */
@FunctionalInterface
public interface StepGate {
    /** Bakes step {@code step} (1-based) at {@code percent} for {@code bake} and judges it. */
    GateVerdict judge(int step, double percent, Duration bake);

    /** Waits {@code bake}, then passes when every precheck still passes. */
    static StepGate bakeOnly(Pause pause, Precheck... checks) {
        return (step, percent, bake) -> {
            pause.sleep(bake);
            StringBuilder problems = new StringBuilder();
            for (Precheck check : checks) {
                for (String problem : check.problems()) {
                    problems.append(problems.length() == 0 ? "" : "; ").append(problem);
                }
            }
            return problems.length() == 0
                    ? GateVerdict.pass("baked " + bake.toSeconds() + " s; services and endpoints healthy")
                    : GateVerdict.breach("after the bake: " + problems);
        };
    }
}
