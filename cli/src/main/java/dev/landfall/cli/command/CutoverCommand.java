package dev.landfall.cli.command;

import dev.landfall.cli.LandfallCommand;
import dev.landfall.cli.cutover.CloudflareDialKey;
import dev.landfall.cli.cutover.CutoverSummary;
import dev.landfall.cli.cutover.DualRunGate;
import dev.landfall.cli.migrate.StopOnInterrupt;
import dev.landfall.cli.option.CutoverOptions;
import dev.landfall.cli.option.DualRunLoadOptions;
import dev.landfall.cli.option.FollowLagOptions;
import dev.landfall.cli.option.RequestCorpusOptions;
import dev.landfall.cli.option.SloOptions;
import dev.landfall.cli.option.SpecOptions;
import dev.landfall.cli.option.VerbosityOptions;
import dev.landfall.cloudflare.api.CloudflareAccess;
import dev.landfall.cloudflare.api.CloudflareClient;
import dev.landfall.cloudflare.api.CloudflareClientOptions;
import dev.landfall.cloudflare.api.CloudflareEndpoint;
import dev.landfall.infra.cutover.AwsClients;
import dev.landfall.infra.cutover.CallJournal;
import dev.landfall.infra.cutover.Cutover;
import dev.landfall.infra.cutover.FollowerLagGate;
import dev.landfall.infra.cutover.Pause;
import dev.landfall.infra.cutover.Precheck;
import dev.landfall.infra.cutover.StepGate;
import dev.landfall.infra.spec.CutoverSpec;
import dev.landfall.infra.spec.ServiceSpec;
import dev.landfall.verify.latency.DualRunConfig;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
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
            "Moves traffic step by step (--steps, default cutover.steps of the spec). What moves:",
            "  the edge split (default)  the share of requests the cutover Worker in front of the old",
            "                            Worker sends to the new backend (a KV key set through the",
            "                            Cloudflare API; see infra generate --format cutover-worker)",
            "  --region REGION           that region's Global Accelerator traffic dial",
            "Before each step: every ECS service involved is steady and every accelerator endpoint",
            "healthy, or the cutover stops (BLOCKED) without moving traffic. With --follow-status,",
            "the live-migration follower's lag must also be within --max-follow-lag and/or",
            "--max-follow-lag-changes: the step waits for it, re-reading its /statusz, for up to",
            "--follow-lag-timeout, then stops (BLOCKED) without moving traffic. After setting a step",
            "(confirmed by reading it back) it bakes for --bake while a dual run sends the same",
            "requests to --baseline and --candidate; when the SLO holds it goes on, otherwise it sets",
            "traffic back to the last good step (ROLLED_BACK), prints the dual-run report and exits 3.",
            "State is saved after every change: --resume continues, Ctrl-C leaves traffic where the",
            "last change put it and says so. AWS credentials come from the SDK's default chain",
            "(AWS_PROFILE, environment, SSO, roles); the Cloudflare token from CLOUDFLARE_API_TOKEN.",
            "Guide and IAM permissions: docs/cutover.md.",
            ""
        },
        footer = {
            "",
            "Examples:",
            "  landfall cutover --spec landfall.yaml --requests-from bundle:export/ \\",
            "      --template 'GET /v1/keys/{key}' --dry-run",
            "  landfall cutover --region eu-west-1 --steps 10,50,100 --bake 5m --requests requests.ndjson",
            "  landfall cutover --resume --requests requests.ndjson",
            "  landfall cutover --steps 1,10,50,100 --requests requests.ndjson \\",
            "      --follow-status http://127.0.0.1:9464 --max-follow-lag 5s",
            "",
            "Exit codes: 0 every step passed (or a dry run); 3 rolled back after a breach, or blocked",
            "by an unhealthy service or a follower behind its bound; 2 a bad flag, spec or",
            "credentials; 1 a runtime failure (rerun with --resume); 130 stopped by Ctrl-C (traffic",
            "stays where the last change put it)."
        })
public final class CutoverCommand extends LandfallCommand {
    private static final double DEFAULT_RATE = 50;

    @Mixin
    VerbosityOptions verbosity;

    @Mixin
    SpecOptions spec;

    @Mixin
    CutoverOptions cutover;

    @Option(names = "--baseline", paramLabel = "URL", description = "The old endpoint (default: cutover.baseline).")
    String baseline;

    @Option(names = "--candidate", paramLabel = "URL", description = "The new endpoint (default: cutover.candidate).")
    String candidate;

    @Mixin
    RequestCorpusOptions corpus;

    @Mixin
    DualRunLoadOptions load;

    @Mixin
    SloOptions gate;

    @Option(
            names = "--no-verify",
            description = "Bake without a dual run: only re-check service health (not recommended).")
    boolean noVerify;

    @Option(names = "--dry-run", description = "Print every call it would make, in order; change nothing.")
    boolean dryRun;

    @Mixin
    FollowLagOptions followLag;

    @Override
    public Integer call() throws IOException {
        CallJournal journal = dryRun
                ? CallJournal.dryRun(context.out()::println)
                : CallJournal.live(verbosity.verbose() ? line -> context.err().println("aws: " + line) : line -> {});
        Pause pause = Pause.real();
        Consumer<String> progress = line -> context.err().println("cutover: " + line);
        Optional<FollowerLagGate> followerLag = followLag.gate(Clock.systemUTC(), pause, journal, progress);
        ServiceSpec service = spec.service();
        CutoverSpec plan = service.cutover();
        Cutover.Options options = cutover.options(service);
        Function<Duration, DualRunConfig> dualRun = noVerify
                ? null
                : DualRunGate.bakeConfig(
                        Optional.ofNullable(baseline).or(plan::baseline),
                        Optional.ofNullable(candidate).or(plan::candidate),
                        load.rate(DEFAULT_RATE),
                        load.connections(),
                        gate.slo(plan.slo()),
                        gate.ignore());
        if (dualRun != null) {
            corpus.check(
                    "the requests each bake sends to both endpoints (docs/dual-run.md); --no-verify bakes without");
            dualRun.apply(options.bake()); // a bake too short to measure is refused now, not at step 1
            corpus.open().close();
        }
        // The Cloudflare token is checked before any AWS call, like every other input.
        CloudflareEndpoint edgeApi = options.region().isEmpty() ? CloudflareAccess.resolve(null, context.env()) : null;
        AwsClients aws = AwsClients.fromEnvironment(context.env());
        Thread main = Thread.currentThread();
        Cutover.Gates gates = prechecks -> dualRun == null
                ? StepGate.bakeOnly(pause, prechecks.toArray(Precheck[]::new))
                : new DualRunGate(dualRun, corpus::open, context.out());
        Cutover.Outcome outcome;
        try (StopOnInterrupt stop = new StopOnInterrupt(main::interrupt);
                CloudflareClient cloudflare =
                        edgeApi == null ? null : new CloudflareClient(edgeApi, CloudflareClientOptions.defaults());
                FollowerLagGate lag = followerLag.orElse(null)) {
            outcome = new Cutover(
                            options,
                            aws,
                            journal,
                            pause,
                            namespace -> new CloudflareDialKey(cloudflare, namespace),
                            gates,
                            lag == null ? List.of() : List.of(lag),
                            progress)
                    .run();
        }
        return CutoverSummary.end(context.out(), context.err(), options, outcome, dryRun);
    }
}
