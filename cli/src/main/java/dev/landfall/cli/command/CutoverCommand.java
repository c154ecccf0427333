package dev.landfall.cli.command;

import dev.landfall.cli.LandfallCommand;
import dev.landfall.cli.cutover.CloudflareDialKeys;
import dev.landfall.cli.cutover.CutoverGates;
import dev.landfall.cli.cutover.CutoverSummary;
import dev.landfall.cli.migrate.StopOnInterrupt;
import dev.landfall.cli.option.CutoverOptions;
import dev.landfall.cli.option.FollowLagOptions;
import dev.landfall.cli.option.SpecOptions;
import dev.landfall.cli.option.StepGateOptions;
import dev.landfall.cli.option.VerbosityOptions;
import dev.landfall.infra.cutover.AwsClients;
import dev.landfall.infra.cutover.CallJournal;
import dev.landfall.infra.cutover.Cutover;
import dev.landfall.infra.cutover.FollowerLagGate;
import dev.landfall.infra.cutover.Pause;
import dev.landfall.infra.spec.ServiceSpec;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code landfall cutover}: move traffic in steps, judged by a dual run, rolled back on a breach. */
@Command(
        name = "cutover",
        header = "Shift traffic to the new service in steps, each judged by a dual run; roll back on a breach.",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Moves traffic step by step (--steps, default cutover.steps of the spec).",
            "What moves:",
            "  the edge split (default)  the share of requests the cutover Worker in front",
            "                            of the old Worker sends to the new backend (a KV",
            "                            key set through the Cloudflare API; see infra",
            "                            generate --format cutover-worker)",
            "  --region REGION           that region's Global Accelerator traffic dial",
            "Before each step: every ECS service involved is steady and every accelerator",
            "endpoint healthy, or the cutover stops (BLOCKED) without moving traffic. With",
            "--follow-status, the live-migration follower's lag must also be within",
            "--max-follow-lag and/or --max-follow-lag-changes: the step waits for it,",
            "re-reading its /statusz, for up to --follow-lag-timeout, then stops (BLOCKED)",
            "without moving traffic. After setting a step (confirmed by reading it back) it",
            "bakes for --bake while a dual run sends the same requests to --baseline and",
            "--candidate; when the SLO holds it goes on, otherwise it sets traffic back to",
            "the last good step (ROLLED_BACK), prints the dual-run report and exits 3.",
            "State is saved after every change: --resume continues with the options the",
            "cutover was started with, Ctrl-C leaves traffic where the last change put it and",
            "says so. A new cutover over one that ended keeps the old state beside it",
            "(STATE.rolled-back-TIME).",
            "The baseline must be an address the edge split cannot move (the old Worker's",
            "workers.dev URL), never a route in cutover.edge.routes. AWS credentials come",
            "from the SDK's default chain (AWS_PROFILE, environment, SSO, roles); the",
            "Cloudflare token from CLOUDFLARE_API_TOKEN.",
            "Guide and IAM permissions: docs/cutover.md.",
            ""
        },
        footer = {
            "",
            "Examples:",
            "  landfall cutover --spec landfall.yaml --requests-from bundle:export/ \\",
            "      --template 'GET /v1/keys/{key}' --dry-run",
            "  landfall cutover --region eu-west-1 --steps 10,50,100 --bake 5m \\",
            "      --requests requests.ndjson --slo 'p99<=50ms,errors<=0.1%%'",
            "  landfall cutover --resume",
            "  landfall cutover --steps 1,10,50,100 --requests requests.ndjson \\",
            "      --follow-status http://127.0.0.1:9464 --max-follow-lag 5s",
            "",
            "Exit codes: 0 every step passed (or a dry run); 3 rolled back after a breach,",
            "or blocked by an unhealthy service or a follower behind its bound; 2 a bad",
            "flag, spec or credentials; 1 a runtime failure (rerun with --resume); 130",
            "stopped by Ctrl-C (traffic stays where the last change put it)."
        })
public final class CutoverCommand extends LandfallCommand {
    @Mixin
    VerbosityOptions verbosity;

    @Mixin
    SpecOptions spec;

    @Mixin
    CutoverOptions cutover;

    @Mixin
    StepGateOptions judging;

    @Option(names = "--dry-run", description = "Print every call it would make, in order; change nothing.")
    boolean dryRun;

    @Mixin
    FollowLagOptions followLag;

    @Override
    public Integer call() throws IOException {
        Consumer<String> progress = line -> context.err().println("cutover: " + line);
        // --dry-run and --verbose belong to this invocation: a resume's saved options keep them.
        CallJournal journal = dryRun
                ? CallJournal.dryRun(context.out()::println)
                : CallJournal.live(verbosity.verbose() ? line -> context.err().println("aws: " + line) : line -> {});
        Pause pause = Pause.real();
        // The lag flags are checked before the spec is read, and again once a resume took its saved ones.
        followLag.check();
        ServiceSpec service = spec.service();
        boolean resumed = cutover.takeSavedOptions(service, progress);
        if (resumed) {
            followLag.check();
            service = spec.service();
        }
        Cutover.Options options = cutover.options(service);
        CutoverGates gates = judging.gates(service.cutover(), options.bake(), pause, context.out());
        options = cutover.withStartingOptions(options, judging.specDefaults(service.cutover()));
        // The Cloudflare token is checked before any AWS call, like every other input.
        CloudflareDialKeys dialKeys = CloudflareDialKeys.forTarget(options.region(), context.env());
        AwsClients aws = AwsClients.fromEnvironment(context.env());
        progress.accept(gates.describe(
                resumed
                        ? "as the cutover was started"
                        : judging.sloGiven() ? "--slo" : "cutover.slo of " + spec.path()));
        Cutover.Outcome outcome;
        try (StopOnInterrupt stop = new StopOnInterrupt(Thread.currentThread()::interrupt);
                dialKeys;
                FollowerLagGate lag = followLag
                        .gate(Clock.systemUTC(), pause, journal, progress)
                        .orElse(null)) {
            outcome = new Cutover(
                            options,
                            aws,
                            journal,
                            pause,
                            dialKeys,
                            gates,
                            lag == null ? List.of() : List.of(lag),
                            progress,
                            Clock.systemUTC())
                    .run();
        }
        return CutoverSummary.end(context.out(), context.err(), options, outcome, dryRun);
    }
}
