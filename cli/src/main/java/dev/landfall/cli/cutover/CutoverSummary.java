package dev.landfall.cli.cutover;

import dev.landfall.infra.cloudformation.LogicalIds;
import dev.landfall.infra.cutover.Cutover;
import dev.landfall.infra.cutover.CutoverState;
import dev.landfall.infra.spec.ServiceSpec;
import dev.landfall.infra.terraform.Names;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.file.Path;

/** The end of a cutover, for the operator: where traffic is, what happened, what to do next. */
public final class CutoverSummary {
    private CutoverSummary() {}

    public static void print(PrintStream out, ServiceSpec service, String region, CutoverState state, Path stateFile) {
        out.println("cutover of the " + state.control() + ": " + state.status() + "; traffic at "
                + percent(state.percent()) + "% (" + state.completedSteps() + " of "
                + state.steps().size()
                + " steps passed)");
        for (String line : state.history()) {
            out.println("  " + line);
        }
        out.println("state: " + stateFile);
        switch (state.status()) {
            case ROLLED_BACK ->
                out.println("next: fix what the report above shows, then run the cutover again (without"
                        + " --resume): it keeps this state beside the state file and starts over; traffic stays"
                        + " at " + percent(state.percent()) + "%");
            case BLOCKED ->
                out.println("next: once the service is steady and healthy (and the follower within its lag"
                        + " bound, if one was set), continue with --resume");
            case IN_PROGRESS -> out.println("next: continue with --resume");
            case COMPLETED -> {}
        }
        if (region != null && state.percent() != state.startPercent()) {
            // The dial was moved through the API: the next stack update would put the template's
            // value back unless the templates are told the new one.
            String dial = percent(state.percent());
            out.println("Make the templates agree with live traffic before any later stack update:");
            out.println("  CloudFormation: aws cloudformation deploy --region us-west-2 --stack-name "
                    + LogicalIds.globalStack(service.name()) + " --template-file global.json"
                    + " --parameter-overrides " + LogicalIds.trafficDialParameter(region) + "=" + dial);
            out.println("  Terraform: set " + Names.trafficDial(region) + " = " + dial + " in terraform/"
                    + Names.DIALS_FILE);
        }
    }

    /**
     * Says how the cutover ended and returns the exit code: 130 stopped, 0 completed (or a dry
     * run), 3 rolled back or blocked.
     */
    public static int end(
            PrintStream out, PrintStream err, Cutover.Options options, Cutover.Outcome outcome, boolean dryRun) {
        CutoverState end = outcome.state();
        if (outcome.stopped()) {
            stopped(err, end);
            return 130;
        }
        if (dryRun) {
            out.println("dry run: nothing was changed");
            return 0;
        }
        print(out, options.service(), options.region().orElse(null), end, options.stateFile());
        return end.status() == CutoverState.Status.COMPLETED ? 0 : 3;
    }

    /** After Ctrl-C: where traffic stays and how to go on. */
    public static void stopped(PrintStream err, CutoverState saved) {
        err.println("cutover: stopped by request; the " + saved.control() + " stays at " + percent(saved.percent())
                + "% (" + saved.completedSteps() + " of " + saved.steps().size()
                + " steps passed); continue with --resume");
    }

    public static String percent(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}
