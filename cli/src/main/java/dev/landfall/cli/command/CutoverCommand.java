package dev.landfall.cli.command;

import dev.landfall.cli.LandfallCommand;
import dev.landfall.cli.cutover.CloudflareDialKey;
import dev.landfall.cli.cutover.CutoverSummary;
import dev.landfall.cli.cutover.DualRunGate;
import dev.landfall.cli.cutover.StartingOptions;
import dev.landfall.cli.migrate.StopOnInterrupt;
import dev.landfall.cli.option.CutoverOptions;
import dev.landfall.cli.option.DualRunTrafficOptions;
import dev.landfall.cli.option.FollowLagOptions;
import dev.landfall.cli.option.SloOptions;
import dev.landfall.cli.option.SpecOptions;
import dev.landfall.cli.option.VerbosityOptions;
import dev.landfall.cloudflare.api.CloudflareAccess;
import dev.landfall.cloudflare.api.CloudflareClient;
import dev.landfall.cloudflare.api.CloudflareClientOptions;
import dev.landfall.cloudflare.api.CloudflareEndpoint;
import dev.landfall.core.error.LandfallException;
import dev.landfall.infra.cutover.AwsClients;
import dev.landfall.infra.cutover.CallJournal;
import dev.landfall.infra.cutover.Cutover;
import dev.landfall.infra.cutover.CutoverState;
import dev.landfall.infra.cutover.CutoverStateFile;
import dev.landfall.infra.cutover.FollowerLagGate;
import dev.landfall.infra.cutover.Pause;
import dev.landfall.infra.cutover.Precheck;
import dev.landfall.infra.cutover.StepGate;
import dev.landfall.infra.spec.CutoverSpec;
import dev.landfall.infra.spec.ServiceSpec;
import dev.landfall.verify.latency.DualRunConfig;
import dev.landfall.verify.latency.slo.Slo;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

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
            "State is saved after every change: --resume continues with the options the cutover",
            "was started with, Ctrl-C leaves traffic where the last change put it and says so. A",
            "new cutover over one that ended keeps the old state beside it (STATE.rolled-back-TIME).",
            "The baseline must be an address the edge split cannot move (the old Worker's",
            "workers.dev URL), never a route in cutover.edge.routes. AWS credentials come from the",
            "SDK's default chain (AWS_PROFILE, environment, SSO, roles); the Cloudflare token from",
            "CLOUDFLARE_API_TOKEN.",
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
    DualRunTrafficOptions traffic;

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

    @Spec
    CommandSpec command;

    @Override
    public Integer call() throws IOException {
        Consumer<String> progress = line -> context.err().println("cutover: " + line);
        // --dry-run and --verbose belong to this invocation: a resume's saved options keep them.
        CallJournal journal = dryRun
                ? CallJournal.dryRun(context.out()::println)
                : CallJournal.live(verbosity.verbose() ? line -> context.err().println("aws: " + line) : line -> {});
        Pause pause = Pause.real();
        // The lag flags are checked before the spec is read, and again once a resume took its saved ones.
        Optional<FollowerLagGate> followerLag = followLag.gate(Clock.systemUTC(), pause, journal, progress);
        ServiceSpec service = spec.service();
        boolean resumed = cutover.resume() && takeSavedOptions(service, progress);
        if (resumed) {
            followerLag.ifPresent(FollowerLagGate::close);
            followerLag = followLag.gate(Clock.systemUTC(), pause, journal, progress);
            service = spec.service();
        }
        CutoverSpec plan = service.cutover();
        Cutover.Options options = cutover.options(service);
        Optional<String> baselineUrl = Optional.ofNullable(baseline).or(plan::baseline);
        Optional<String> candidateUrl = Optional.ofNullable(candidate).or(plan::candidate);
        Slo slo = gate.slo(plan.slo());
        Function<Duration, DualRunConfig> dualRun = noVerify
                ? null
                : DualRunGate.bakeConfig(
                        baselineUrl,
                        candidateUrl,
                        traffic.rate(DEFAULT_RATE),
                        traffic.connections(),
                        slo,
                        gate.ignore());
        if (dualRun != null) {
            traffic.check(
                    "the requests each bake sends to both endpoints (docs/dual-run.md); --no-verify bakes without");
            dualRun.apply(options.bake()); // a bake too short to measure is refused now, not at step 1
            traffic.open().close();
            baselineOutsideSplit(plan, baselineUrl.orElseThrow());
        }
        options = options.withSettings(StartingOptions.of(parsed(), specDefaults(options, plan, dualRun != null)));
        // The Cloudflare token is checked before any AWS call, like every other input.
        CloudflareEndpoint edgeApi = options.region().isEmpty() ? CloudflareAccess.resolve(null, context.env()) : null;
        AwsClients aws = AwsClients.fromEnvironment(context.env());
        progress.accept(
                dualRun == null
                        ? "baking without a dual run (--no-verify): each step only re-checks service health"
                        : "judging each bake by the SLO " + slo + " ("
                                + (resumed
                                        ? "as the cutover was started"
                                        : parsed().hasMatchedOption("--slo")
                                                ? "--slo"
                                                : "cutover.slo of " + spec.path())
                                + ")");
        Thread main = Thread.currentThread();
        Cutover.Gates gates = prechecks -> dualRun == null
                ? StepGate.bakeOnly(pause, prechecks.toArray(Precheck[]::new))
                : new DualRunGate(dualRun, traffic::open, context.out());
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
                            progress,
                            Clock.systemUTC())
                    .run();
        }
        return CutoverSummary.end(context.out(), context.err(), options, outcome, dryRun);
    }

    private ParseResult parsed() {
        return command.commandLine().getParseResult();
    }

    /**
     * A resume runs with every option its cutover was started with: the saved ones are parsed
     * into this command again, with those given now, which must agree with them.
     *
     * @return whether saved options were found and taken
     */
    private boolean takeSavedOptions(ServiceSpec service, Consumer<String> progress) {
        Path file = cutover.stateFileToResume(service);
        Optional<CutoverState> saved = new CutoverStateFile(file).read();
        if (saved.isEmpty() || saved.get().settings().isEmpty()) {
            return false; // no state (the run says so), or one saved before options were kept
        }
        Map<String, List<String>> options = saved.get().settings();
        List<String> notes = new ArrayList<>();
        List<String> args = StartingOptions.resumed(options, parsed(), file, notes::add);
        try {
            command.commandLine().parseArgs(args.toArray(String[]::new));
        } catch (ParameterException e) {
            throw LandfallException.usage(
                    "--resume: the options saved in " + file + " do not read: " + e.getMessage(),
                    "start a new cutover with another --state file",
                    e);
        }
        progress.accept(
                "resuming " + file + " with the options it was started with: " + StartingOptions.describe(options));
        notes.forEach(progress);
        return true;
    }

    /** What the spec filled in, saved as if given, so a resume keeps it even if the spec changes. */
    private Map<String, String> specDefaults(Cutover.Options options, CutoverSpec plan, boolean verifying) {
        Map<String, String> out = new LinkedHashMap<>(cutover.specDefaults(options));
        if (verifying) {
            out.put("--slo", plan.slo());
            plan.baseline().ifPresent(url -> out.put("--baseline", url));
            plan.candidate().ifPresent(url -> out.put("--candidate", url));
        }
        return out;
    }

    /** The spec's baseline is checked by the parser; one given by flag is checked here, the same way. */
    private static void baselineOutsideSplit(CutoverSpec plan, String url) {
        plan.edge()
                .ifPresent(edge -> edge.routeReaching(URI.create(url)).ifPresent(i -> {
                    throw LandfallException.usage(
                            "--baseline " + url + " is under cutover.edge.routes[" + i + "] ("
                                    + edge.routes().get(i)
                                    + "), which the edge split takes over: as the dial rises the baseline would answer from"
                                    + " the new service too, and each bake would compare it with itself",
                            "give an address the split cannot move: the old Worker's own workers.dev URL (https://"
                                    + edge.worker() + ".SUBDOMAIN.workers.dev) or a direct origin of the old service");
                }));
    }
}
