package dev.landfall.cli.command;

import dev.landfall.cli.CliContext;
import dev.landfall.cli.cutover.CutoverSummary;
import dev.landfall.cli.cutover.CutoverTarget;
import dev.landfall.cli.cutover.DualRunGate;
import dev.landfall.cli.migrate.StopOnInterrupt;
import dev.landfall.cli.option.RequestCorpusOptions;
import dev.landfall.cli.option.VerbosityOptions;
import dev.landfall.cloudflare.api.CloudflareAccess;
import dev.landfall.cloudflare.api.CloudflareClient;
import dev.landfall.cloudflare.api.CloudflareClientOptions;
import dev.landfall.cloudflare.api.CloudflareEndpoint;
import dev.landfall.core.error.LandfallException;
import dev.landfall.core.time.DurationText;
import dev.landfall.infra.cutover.AcceleratedService;
import dev.landfall.infra.cutover.AwsClients;
import dev.landfall.infra.cutover.CallJournal;
import dev.landfall.infra.cutover.CutoverRun;
import dev.landfall.infra.cutover.CutoverState;
import dev.landfall.infra.cutover.CutoverStateFile;
import dev.landfall.infra.cutover.CutoverStopped;
import dev.landfall.infra.cutover.Pause;
import dev.landfall.infra.cutover.Precheck;
import dev.landfall.infra.cutover.StepGate;
import dev.landfall.infra.spec.CutoverSpec;
import dev.landfall.infra.spec.ServiceSpec;
import dev.landfall.infra.spec.SpecParser;
import dev.landfall.verify.latency.DualRunConfig;
import dev.landfall.verify.latency.parity.PathPattern;
import dev.landfall.verify.latency.slo.Slo;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
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
            "healthy, or the cutover stops (BLOCKED) without moving traffic. After setting a step",
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
            "",
            "Exit codes: 0 every step passed (or a dry run); 3 rolled back after a breach, or blocked",
            "by an unhealthy service; 2 a bad flag, spec or credentials; 1 a runtime failure (rerun",
            "with --resume); 130 stopped by Ctrl-C (traffic stays where the last change put it)."
        })
public final class CutoverCommand implements Callable<Integer> {
    private final CliContext context;

    @Mixin
    VerbosityOptions verbosity;

    @Option(
            names = "--spec",
            paramLabel = "FILE",
            defaultValue = "landfall.yaml",
            description = "The service spec (default: ${DEFAULT-VALUE}).")
    Path spec;

    @Option(
            names = "--region",
            paramLabel = "REGION",
            description = "Move this region's traffic dial instead of the edge split.")
    String region;

    @Option(names = "--steps", paramLabel = "P,P,…", description = "Percentages in order (default: cutover.steps).")
    String steps;

    @Option(names = "--bake", paramLabel = "DURATION", description = "Time per step (default: cutover.bake).")
    String bake;

    @Option(names = "--slo", paramLabel = "SLO", description = "The gate (default: cutover.slo); docs/dual-run.md.")
    String slo;

    @Option(names = "--baseline", paramLabel = "URL", description = "The old endpoint (default: cutover.baseline).")
    String baseline;

    @Option(names = "--candidate", paramLabel = "URL", description = "The new endpoint (default: cutover.candidate).")
    String candidate;

    @Mixin
    RequestCorpusOptions corpus;

    @Option(
            names = "--rate",
            paramLabel = "N",
            defaultValue = "50",
            description = "Dual-run request pairs per second during a bake (default: ${DEFAULT-VALUE}).")
    double rate;

    @Option(
            names = "--connections",
            paramLabel = "N",
            defaultValue = "16",
            description = "Dual-run connections per endpoint (default: ${DEFAULT-VALUE}).")
    int connections;

    @Option(
            names = "--ignore",
            paramLabel = "JSONPATH",
            description = "Leave this JSON path out of the comparison (repeatable).")
    List<String> ignore = new ArrayList<>();

    @Option(
            names = "--no-verify",
            description = "Bake without a dual run: only re-check service health (not recommended).")
    boolean noVerify;

    @Option(
            names = "--edge-propagation",
            paramLabel = "DURATION",
            defaultValue = "60s",
            description = "Wait after an edge-split change for every edge to see it (default: ${DEFAULT-VALUE},"
                    + " the Worker's KV cache).")
    String edgePropagation;

    @Option(
            names = "--state",
            paramLabel = "FILE",
            description = "Where progress is saved (default: landfall-cutover-SERVICE-TARGET.json).")
    Path state;

    @Option(names = "--dry-run", description = "Print every call it would make, in order; change nothing.")
    boolean dryRun;

    @Option(names = "--resume", description = "Continue the cutover saved in the state file.")
    boolean resume;

    public CutoverCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws IOException {
        ServiceSpec service = SpecParser.parse(spec);
        CutoverSpec plan = service.cutover();
        if (region != null) {
            CutoverTarget.requireRegion(service, region);
        } else {
            CutoverTarget.requireEdge(service);
        }
        List<Double> percentages = steps(plan);
        Duration bakeTime = duration("--bake", bake == null ? plan.bake() : bake);
        Duration propagation = propagation();
        Function<Duration, DualRunConfig> dualRun = noVerify ? null : dualRunConfig(plan);
        if (dualRun != null) {
            dualRun.apply(bakeTime);
            corpus.open().close();
        }
        Path statePath = state != null
                ? state
                : Path.of("landfall-cutover-" + service.name() + "-" + (region == null ? "edge" : region) + ".json");

        CallJournal journal = dryRun
                ? CallJournal.dryRun(context.out()::println)
                : CallJournal.live(verbosity.verbose() ? line -> context.err().println("aws: " + line) : line -> {});
        // The Cloudflare token is checked before any AWS call, like every other input.
        CloudflareEndpoint edgeApi = region == null ? CloudflareAccess.resolve(null, context.env()) : null;
        AwsClients aws = AwsClients.fromEnvironment(context.env());
        Pause pause = Pause.real();
        CloudflareClient cloudflare = null;
        Thread main = Thread.currentThread();
        try (StopOnInterrupt stop = new StopOnInterrupt(main::interrupt);
                AcceleratedService accelerated = AcceleratedService.connect(service, aws, journal, pause)) {
            CutoverTarget target;
            if (region != null) {
                target = CutoverTarget.region(service, region, accelerated);
            } else {
                cloudflare = new CloudflareClient(edgeApi, CloudflareClientOptions.defaults());
                target = CutoverTarget.edge(service, cloudflare, accelerated, journal, pause, propagation);
            }
            CutoverStateFile stateFile = new CutoverStateFile(statePath);
            CutoverState start =
                    CutoverRun.startOrResume(stateFile, resume, service.name(), target.control(), percentages);
            StepGate gate = dualRun == null
                    ? StepGate.bakeOnly(pause, target.prechecks().toArray(Precheck[]::new))
                    : new DualRunGate(dualRun, corpus::open, context.out());
            CutoverRun run = new CutoverRun(
                    target.control(),
                    target.prechecks(),
                    gate,
                    bakeTime,
                    journal,
                    stateFile,
                    line -> context.err().println("cutover: " + line));
            CutoverState end;
            try {
                end = run.run(start);
            } catch (CutoverStopped stopped) {
                CutoverState saved = stateFile.read().orElse(start);
                context.err()
                        .println("cutover: stopped by request; the " + saved.control() + " stays at "
                                + CutoverSummary.percent(saved.percent()) + "% (" + saved.completedSteps() + " of "
                                + saved.steps().size()
                                + " steps passed); continue with --resume");
                return 130;
            }
            if (dryRun) {
                context.out().println("dry run: nothing was changed");
                return 0;
            }
            CutoverSummary.print(context.out(), service, region, end, stateFile.path());
            return end.status() == CutoverState.Status.COMPLETED ? 0 : 3;
        } finally {
            if (cloudflare != null) {
                cloudflare.close();
            }
        }
    }

    private List<Double> steps(CutoverSpec plan) {
        List<Double> out = new ArrayList<>();
        if (steps == null) {
            plan.steps().forEach(p -> out.add(p.doubleValue()));
            return out;
        }
        double last = 0;
        for (String part : steps.split(",", -1)) {
            double p;
            try {
                p = Double.parseDouble(part.strip());
            } catch (NumberFormatException e) {
                p = Double.NaN;
            }
            if (!(p > last && p <= 100)) {
                throw LandfallException.usage(
                        "--steps " + steps + " must be increasing percentages above 0 and at most 100",
                        "write e.g. --steps 1,5,25,50,100");
            }
            out.add(p);
            last = p;
        }
        return out;
    }

    private Function<Duration, DualRunConfig> dualRunConfig(CutoverSpec plan) {
        String b = baseline != null ? baseline : plan.baseline().orElse(null);
        String c = candidate != null ? candidate : plan.candidate().orElse(null);
        if (b == null || c == null) {
            throw LandfallException.usage(
                    "the dual run needs both endpoints: " + (b == null ? "--baseline" : "--candidate")
                            + " is not given and cutover." + (b == null ? "baseline" : "candidate")
                            + " is not in the spec",
                    "add cutover.baseline and cutover.candidate to landfall.yaml or pass the flags"
                            + " (--no-verify bakes without comparing, not recommended)");
        }
        corpus.check("the requests each bake sends to both endpoints (docs/dual-run.md); --no-verify bakes without");
        if (rate <= 0 || rate > 1_000_000) {
            throw LandfallException.usage("--rate " + rate + " is out of range", "use a rate above 0, e.g. --rate 50");
        }
        if (connections < 1 || connections > DualRunConfig.MAX_CONNECTIONS) {
            throw LandfallException.usage(
                    "--connections " + connections + " is out of range", "use 1.." + DualRunConfig.MAX_CONNECTIONS);
        }
        URI base = DualRunConfig.endpoint("--baseline", b);
        URI cand = DualRunConfig.endpoint("--candidate", c);
        Slo gate = Slo.parse(slo != null ? slo : plan.slo());
        List<PathPattern> ignored = ignore.stream().map(PathPattern::parse).toList();
        return bakeTime -> {
            DualRunGate.checkMeasurable(bakeTime, rate);
            // A tenth of the bake, at most 30 s, warms both paths up; the rest is measured.
            Duration warmup = bakeTime.dividedBy(10).compareTo(Duration.ofSeconds(30)) > 0
                    ? Duration.ofSeconds(30)
                    : bakeTime.dividedBy(10);
            return new DualRunConfig(
                    base,
                    cand,
                    rate,
                    bakeTime.minus(warmup),
                    warmup,
                    connections,
                    Duration.ofSeconds(10),
                    gate,
                    ignored,
                    20,
                    20,
                    1);
        };
    }

    /** 0 is allowed: a sandbox or a Worker without KV caching needs no wait. */
    private Duration propagation() {
        try {
            return DurationText.parse(edgePropagation);
        } catch (IllegalArgumentException e) {
            throw LandfallException.usage(
                    "--edge-propagation " + edgePropagation + " " + e.getMessage(),
                    "for example --edge-propagation 60s");
        }
    }

    private static Duration duration(String flag, String text) {
        try {
            Duration d = DurationText.parse(text);
            if (d.isZero() || d.isNegative()) {
                throw new IllegalArgumentException("must be above 0");
            }
            return d;
        } catch (IllegalArgumentException e) {
            throw LandfallException.usage(flag + " " + text + " " + e.getMessage(), "for example " + flag + " 5m");
        }
    }
}
