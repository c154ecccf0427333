package dev.landfall.cli.command;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.landfall.cli.CliContext;
import dev.landfall.cli.location.SourceChain;
import dev.landfall.cli.option.Budgets;
import dev.landfall.cli.option.CloudflareAccess;
import dev.landfall.cli.option.ExportWorkerAccess;
import dev.landfall.cli.option.VerbosityOptions;
import dev.landfall.cli.render.ExportProgress;
import dev.landfall.cloudflare.api.ClientStats;
import dev.landfall.cloudflare.api.CloudflareClient;
import dev.landfall.cloudflare.api.CloudflareClientOptions;
import dev.landfall.cloudflare.api.CloudflareEndpoint;
import dev.landfall.cloudflare.durable.DurableObjectSource;
import dev.landfall.cloudflare.durable.SqlScopes;
import dev.landfall.cloudflare.durable.UnencodableKey;
import dev.landfall.cloudflare.kv.KvRestSource;
import dev.landfall.cloudflare.kv.KvScopeCounters;
import dev.landfall.cloudflare.kv.KvWorkerSource;
import dev.landfall.core.bundle.BundleOptions;
import dev.landfall.core.bundle.BundleStore;
import dev.landfall.core.checkpoint.RunJournal;
import dev.landfall.core.copy.CommitPolicy;
import dev.landfall.core.copy.Copier;
import dev.landfall.core.copy.CopyListener;
import dev.landfall.core.copy.CopyTotals;
import dev.landfall.core.copy.ScopeCopyResult;
import dev.landfall.core.error.ErrorKind;
import dev.landfall.core.error.LandfallException;
import dev.landfall.core.model.DurableObject;
import dev.landfall.core.model.KvNamespace;
import dev.landfall.core.report.ByteSize;
import dev.landfall.core.spi.Source;
import dev.landfall.core.spi.WriteMode;
import dev.landfall.core.time.RequestBudget;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code landfall export}: Workers KV namespaces into a bundle, at the API budget's ceiling. */
@Command(
        name = "export",
        header = "Export Workers KV namespaces and Durable Objects into a bundle, resumably.",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Copies every key, value byte, metadata and expiration of the chosen KV",
            "namespaces into bundle:DIR (docs/bundle-format.md), as fast as the",
            "account's API budget allows. Keys are listed 1,000 a call and values read",
            "100 a call; binary values are read one by one. One limiter keeps every",
            "window of --api-budget under its count, so Cloudflare's 5-minute lockout",
            "is never triggered. Each committed page is journaled: after any",
            "interruption, the same command with --resume continues where it stopped.",
            "",
            "Credentials come from CLOUDFLARE_API_TOKEN (needs Account > Workers KV",
            "Storage > Read), CLOUDFLARE_ACCOUNT_ID and CLOUDFLARE_API_BASE_URL, as for",
            "wrangler. See docs/export.md.",
            "",
            "--do exports Durable Objects: objects are listed over the API (Workers",
            "Scripts > Read) and read through the export Worker (--export-worker, with",
            "the secret in LANDFALL_EXPORT_SECRET; docs/export-worker-protocol.md).",
            "Each object is a scope of its own, checkpointed; with --do and no --kv,",
            "no KV namespace is exported.",
            ""
        },
        footer = {
            "",
            "Examples:",
            "  landfall export --to bundle:export/",
            "  landfall export --from cloudflare://023e105f4ecef8ad9ca31a8372d0c353 \\",
            "      --to bundle:export/ --kv SESSIONS --kv 0f2ac74b498b48028cb68387c421e279",
            "  landfall export --to bundle:export/ --resume",
            "  LANDFALL_EXPORT_SECRET=… landfall export --to bundle:export/ \\",
            "      --do ChatRoom --export-worker https://landfall-export.example.workers.dev",
            "",
            "Exit codes: 0 done; 1 runtime failure (rerun with --resume); 2 a bad flag,",
            "token, permission or namespace, or a bundle that holds an export already",
            "(add --resume or --force)."
        })
public final class ExportCommand implements Callable<Integer> {
    private final CliContext context;

    @Mixin
    VerbosityOptions verbosity;

    @Option(
            names = "--from",
            paramLabel = "cloudflare://ACCOUNT_ID",
            description = "The account to export; 'cloudflare://' alone takes CLOUDFLARE_ACCOUNT_ID (the default).")
    String from;

    @Option(names = "--to", required = true, paramLabel = "bundle:DIR", description = "The bundle directory to write.")
    String to;

    @Option(
            names = "--kv",
            paramLabel = "NAMESPACE",
            description = "A namespace id or title to export (repeatable; default: every namespace).")
    List<String> namespaces = new ArrayList<>();

    @Option(names = "--prefix", paramLabel = "P", description = "Export only KV keys that start with P.")
    String prefix;

    @Option(
            names = "--do",
            paramLabel = "NAMESPACE",
            description = "A Durable Object namespace id, name or class name to export (repeatable).")
    List<String> durableObjects = new ArrayList<>();

    @Option(
            names = "--via",
            paramLabel = "rest|worker",
            defaultValue = "rest",
            description = "How KV is read: rest, the API within --api-budget (default), or worker, through the"
                    + " export Worker's KV bindings (spends no API budget on keys and values).")
    String via;

    @Option(
            names = "--export-worker",
            paramLabel = "URL",
            description = "The deployed export Worker that reads Durable Objects, and KV with --via worker (default:"
                    + " LANDFALL_EXPORT_WORKER_URL); its secret comes from LANDFALL_EXPORT_SECRET.")
    String exportWorker;

    @Option(
            names = "--concurrency",
            paramLabel = "N",
            defaultValue = "4",
            description = "Requests in flight at once, 1..64 (default: ${DEFAULT-VALUE}).")
    int concurrency;

    @Option(
            names = "--api-budget",
            paramLabel = "N/WINDOW",
            defaultValue = "1200/300s",
            description = "Stay under N requests in any WINDOW, e.g. 1200/300s or 600/10s (default: ${DEFAULT-VALUE},"
                    + " Cloudflare's). Lower it to leave room for other users of the token.")
    String apiBudget;

    @Option(names = "--resume", description = "Continue an interrupted export into the same bundle.")
    boolean resume;

    @Option(
            names = "--force",
            description = "Start over in a bundle that holds an earlier export (deletes that export).")
    boolean force;

    @Option(names = "--json", description = "Print one JSON summary on stdout and no progress.")
    boolean json;

    public ExportCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws IOException {
        // Everything is validated before the first request or write.
        if (resume && force) {
            throw LandfallException.usage("--resume and --force contradict each other", "give one of them");
        }
        if (concurrency < 1 || concurrency > 64) {
            throw LandfallException.usage("--concurrency " + concurrency + " is out of range", "use 1..64");
        }
        RequestBudget budget = Budgets.parse(apiBudget);
        ExportTarget target = ExportTarget.parse(to);
        CloudflareEndpoint endpoint = CloudflareAccess.resolve(from, context.env());
        boolean viaWorker = switch (via) {
            case "rest" -> false;
            case "worker" -> true;
            default ->
                throw LandfallException.usage(
                        "--via " + via + ": unknown", "write --via rest (the API, the default) or --via worker");
        };
        if (exportWorker != null && durableObjects.isEmpty() && !viaWorker) {
            throw LandfallException.usage(
                    "--export-worker is given but no --do and no --via worker",
                    "add --do NAMESPACE for each Durable Object namespace, or --via worker to read KV through it");
        }
        boolean exportKv = durableObjects.isEmpty() || !namespaces.isEmpty();
        if (viaWorker && prefix != null) {
            throw LandfallException.usage("--prefix is not supported with --via worker", "leave out one of them");
        }
        ExportWorkerAccess worker = durableObjects.isEmpty() && !(viaWorker && exportKv)
                ? null
                : ExportWorkerAccess.resolve(
                        exportWorker, context.env(), durableObjects.isEmpty() ? "--via worker" : "--do");
        boolean earlier = target.holdsExport();
        if (earlier && !resume && !force) {
            throw LandfallException.usage(
                    "bundle:" + target.dir() + " already holds an export",
                    "add --resume to continue it, or --force to delete it and start over");
        }
        if (earlier && force) {
            target.clear();
        }

        Clock clock = Clock.systemUTC();
        CloudflareClientOptions options =
                CloudflareClientOptions.defaults().withBudget(budget).withConcurrency(concurrency);
        if (verbosity.verbose()) {
            options = options.withTrace(line -> context.err().println("http: " + line));
        }
        long started = System.nanoTime();
        List<ScopeSummary> summaries = new ArrayList<>();
        DoSummary doSummary = new DoSummary();
        try (CloudflareClient client = new CloudflareClient(endpoint, options);
                KvRestSource kv = exportKv && !viaWorker
                        ? new KvRestSource(client, namespaces, prefix == null ? "" : prefix)
                        : null;
                KvWorkerSource kvWorker = exportKv && viaWorker
                        ? new KvWorkerSource(client, worker.newClient(concurrency, 1), namespaces, concurrency)
                        : null;
                DurableObjectSource dos = durableObjects.isEmpty()
                        ? null
                        : new DurableObjectSource(
                                client, worker.newClient(concurrency, 1), durableObjects, concurrency)) {
            List<SourceChain.Part> parts = new ArrayList<>();
            if (kv != null) {
                parts.add(new SourceChain.Part(kv, scope -> scope instanceof KvNamespace));
            }
            if (kvWorker != null) {
                parts.add(new SourceChain.Part(kvWorker, scope -> scope instanceof KvNamespace));
            }
            if (dos != null) {
                parts.add(new SourceChain.Part(dos, scope -> scope instanceof DurableObject));
            }
            Source source = new SourceChain(parts);
            ExportProgress progress = new ExportProgress(context.err(), context.terminal(), json, clock, () -> {
                ClientStats s = client.stats();
                return new ExportProgress.ApiCounts(s.requests(), s.rateLimited());
            });
            CopyListener listener = progress.then(new Summarizing(kv, summaries, doSummary));
            CopyTotals totals;
            try (RunJournal journal = RunJournal.open(target.journal(), clock);
                    BundleStore bundle = new BundleStore(
                            target.dir(),
                            BundleOptions.builder()
                                    .toolVersion(VersionProvider.version())
                                    .accountId(endpoint.accountId())
                                    .clock(clock)
                                    .build())) {
                if (dos != null) {
                    dos.skipping(journal::isDone);
                }
                totals = new Copier(source, bundle, journal, CommitPolicy.DEFAULT, WriteMode.UPSERT, clock, listener)
                        .copyAll();
            } catch (LandfallException e) {
                throw withResumeHint(e);
            } catch (IOException e) {
                throw withResumeHint(LandfallException.transientFailure(
                        "export stopped: " + (e.getMessage() == null ? "I/O error" : e.getMessage()), null, e));
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            List<UnencodableKey> refused = dos == null ? List.of() : dos.unencodable();
            for (UnencodableKey u : refused) {
                context.err()
                        .println("warning: not exported, the export Worker cannot encode it: durable object "
                                + u.object().objectId() + " in namespace "
                                + u.object().namespaceId() + ", key "
                                + new ObjectMapper().writeValueAsString(u.key()) + " ("
                                + u.problem().describe() + ")");
            }
            report(target, endpoint, budget, totals, summaries, doSummary, refused, client.stats(), seconds);
        }
        return 0;
    }

    private LandfallException withResumeHint(LandfallException e) {
        if (e.kind() != ErrorKind.TRANSIENT && e.kind() != ErrorKind.FAILED) {
            return e;
        }
        List<String> args = new ArrayList<>(List.of("landfall", "export"));
        if (from != null) {
            args.add("--from " + from);
        }
        args.add("--to " + to);
        namespaces.forEach(n -> args.add("--kv " + n));
        durableObjects.forEach(n -> args.add("--do " + n));
        if (exportWorker != null) {
            args.add("--export-worker " + exportWorker);
        }
        if (prefix != null) {
            args.add("--prefix " + prefix);
        }
        if (!via.equals("rest")) {
            args.add("--via " + via);
        }
        args.add("--resume");
        String hint = "nothing is lost; continue with: " + String.join(" ", args);
        return e.kind() == ErrorKind.TRANSIENT
                ? LandfallException.transientFailure(e.getMessage(), hint, e.getCause() == null ? e : e.getCause())
                : LandfallException.failed(e.getMessage(), e.hint().orElse(hint), e);
    }

    private void report(
            ExportTarget target,
            CloudflareEndpoint endpoint,
            RequestBudget budget,
            CopyTotals totals,
            List<ScopeSummary> summaries,
            DoSummary dos,
            List<UnencodableKey> refused,
            ClientStats api,
            double seconds) {
        if (json) {
            ObjectMapper mapper = new ObjectMapper();
            ObjectNode root = mapper.createObjectNode();
            root.put("bundle", target.dir().toString());
            root.put("account", endpoint.accountId());
            root.put("seconds", Math.round(seconds * 1000) / 1000.0);
            root.put("keys", totals.entries());
            root.put("valueBytes", totals.valueBytes());
            root.put("namespacesExported", totals.scopes());
            root.put("namespacesAlreadyDone", totals.skippedScopes());
            ArrayNode list = root.putArray("namespaces");
            for (ScopeSummary s : summaries) {
                ObjectNode n = list.addObject();
                n.put("id", s.namespace().namespaceId());
                n.put("title", s.namespace().title());
                n.put("keys", s.result().entries());
                n.put("valueBytes", s.result().valueBytes());
                n.put("expired", s.result().expiredSkipped() + s.counters().expired());
                n.put("vanished", s.counters().vanished());
                n.put("resumed", s.result().resumed());
            }
            if (!durableObjects.isEmpty()) {
                ObjectNode d = root.putObject("durableObjects");
                d.put("objects", dos.objects);
                d.put("entries", dos.entries);
                d.put("sqlScopes", dos.sqlScopes);
                d.put("sqlEntries", dos.sqlEntries);
                ArrayNode u = d.putArray("unencodable");
                for (UnencodableKey k : refused) {
                    ObjectNode n = u.addObject();
                    n.put("namespace", k.object().namespaceId());
                    n.put("object", k.object().objectId());
                    n.put("key", k.key());
                    n.put("reason", k.problem().reason());
                    k.problem().path().ifPresent(p -> n.put("path", p));
                }
            }
            ObjectNode a = root.putObject("api");
            a.put("budget", budget.spec());
            a.put("requests", api.requests());
            a.put("rateLimited", api.rateLimited());
            a.put("retries", api.retries());
            context.out().println(root.toString());
            return;
        }
        var out = context.out();
        out.printf(
                Locale.ROOT,
                "Exported %d keys (%s) from %d %s%s to bundle:%s in %.1f s%n",
                totals.entries(),
                ByteSize.format(totals.valueBytes()),
                totals.scopes(),
                durableObjects.isEmpty() ? "namespace" : "scope",
                totals.scopes() == 1 ? "" : "s",
                target.dir(),
                seconds);
        for (ScopeSummary s : summaries) {
            long expired = s.result().expiredSkipped() + s.counters().expired();
            out.printf(
                    Locale.ROOT,
                    "  kv %s (%s): %d keys, %s%s%s%n",
                    s.namespace().title(),
                    s.namespace().namespaceId(),
                    s.result().entries(),
                    ByteSize.format(s.result().valueBytes()),
                    expired > 0 ? ", " + expired + " expired before export (skipped)" : "",
                    s.counters().vanished() > 0
                            ? ", " + s.counters().vanished() + " deleted or expired while exporting"
                            : "");
        }
        if (!durableObjects.isEmpty()) {
            out.printf(
                    Locale.ROOT,
                    "  durable objects: %d objects, %d entries%s%s%n",
                    dos.objects,
                    dos.entries,
                    dos.sqlScopes > 0
                            ? ", SQL tables of " + dos.sqlScopes + " objects (" + dos.sqlEntries + " entries)"
                            : "",
                    refused.isEmpty() ? "" : ", " + refused.size() + " value(s) not exported (see warnings)");
        }
        if (totals.skippedScopes() > 0) {
            out.printf("  %d scope(s) finished by an earlier run%n", totals.skippedScopes());
        }
        out.printf(
                Locale.ROOT,
                "API: %d requests within %s, %d rate-limited (429), %d retried%n",
                api.requests(),
                budget.spec(),
                api.rateLimited(),
                api.retries());
    }

    private record ScopeSummary(KvNamespace namespace, ScopeCopyResult result, KvScopeCounters counters) {}

    /** Durable Object totals: one line for all objects, however many. */
    private static final class DoSummary {
        long objects;
        long entries;
        long sqlScopes;
        long sqlEntries;
    }

    /** Collects a summary per KV namespace, and Durable Object totals, as each scope finishes. */
    private record Summarizing(KvRestSource source, List<ScopeSummary> summaries, DoSummary dos)
            implements CopyListener {
        @Override
        public void scopeFinished(ScopeCopyResult result) {
            if (result.scope() instanceof KvNamespace ns) {
                summaries.add(
                        new ScopeSummary(ns, result, source == null ? KvScopeCounters.ZERO : source.counters(ns)));
            } else if (result.scope() instanceof DurableObject d) {
                if (SqlScopes.objectOf(d).isPresent()) {
                    dos.sqlScopes++;
                    dos.sqlEntries += result.entries();
                } else {
                    dos.objects++;
                    dos.entries += result.entries();
                }
            }
        }
    }
}
