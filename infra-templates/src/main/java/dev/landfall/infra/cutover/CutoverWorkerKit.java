package dev.landfall.infra.cutover;

import dev.landfall.core.error.LandfallException;
import dev.landfall.infra.spec.EdgeSpec;
import dev.landfall.infra.spec.ServiceSpec;
import dev.landfall.infra.spec.WriteRules;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The edge-split Worker as a deployable kit: {@code worker.js} (shipped in this jar, the same
 * file the tests run in workerd), a {@code wrangler.toml} with its bindings from the spec's
 * {@code cutover.edge}, and a README with the deploy, cutover and removal steps.
 */
public final class CutoverWorkerKit {
    private CutoverWorkerKit() {}

    /** The kit's files by name, or an error when the spec has no edge split. */
    public static SortedMap<String, String> generate(ServiceSpec spec) {
        EdgeSpec edge = spec.cutover()
                .edge()
                .orElseThrow(() -> LandfallException.usage(
                        "--format cutover-worker needs cutover.edge in the spec (the old Worker and the dial namespace)",
                        "add cutover.edge to landfall.yaml; docs/landfall-yaml.md shows its fields"));
        String candidate = spec.cutover()
                .candidate()
                .orElseThrow(() -> LandfallException.usage(
                        "--format cutover-worker needs cutover.candidate: the URL the Worker sends new traffic to",
                        "add cutover.candidate (the accelerator's hostname, e.g. https://new-api.example.com)"));
        SortedMap<String, String> files = new TreeMap<>();
        files.put("worker.js", workerJs());
        files.put("wrangler.toml", wranglerToml(spec, edge, candidate));
        files.put("README.md", readme(spec, edge));
        return files;
    }

    /** The Worker's source, as shipped. */
    public static String workerJs() {
        try (InputStream in = CutoverWorkerKit.class.getResourceAsStream("worker.js")) {
            if (in == null) {
                throw new IllegalStateException("worker.js is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String wranglerToml(ServiceSpec spec, EdgeSpec edge, String candidate) {
        StringBuilder t = new StringBuilder();
        t.append("# Landfall's edge split for ")
                .append(spec.name())
                .append(", from landfall.yaml. Regenerate, don't edit.\n");
        t.append("name = \"").append(spec.name()).append("-cutover\"\n");
        t.append("main = \"worker.js\"\n");
        t.append("compatibility_date = \"2026-04-01\"\n");
        if (!edge.routes().isEmpty()) {
            t.append("\n# The old Worker's routes, taken over by this one (remove them from the old Worker first).\n");
            t.append("routes = [\n");
            for (String route : edge.routes()) {
                t.append("  { pattern = \"")
                        .append(toml(route))
                        .append("\", zone_name = \"")
                        .append(toml(edge.zone().orElseThrow()))
                        .append("\" },\n");
            }
            t.append("]\n");
        }
        t.append("\n# The old Worker, answering everything not sent to the new backend.\n");
        t.append("[[services]]\nbinding = \"OLD\"\nservice = \"")
                .append(toml(edge.worker()))
                .append("\"\n");
        t.append("\n# The dial: key landfall-cutover, set by `landfall cutover`.\n");
        t.append("[[kv_namespaces]]\nbinding = \"DIAL\"\nid = \"")
                .append(edge.dialNamespace())
                .append("\"\n");
        t.append("\n# The write gate, consulted only while the dial says writes:\"gate\" (docs/cutover.md).\n");
        t.append("[[durable_objects.bindings]]\nname = \"LANDFALL_WRITE_GATE\"\nclass_name = \"LandfallWriteGate\"\n");
        t.append("\n[[migrations]]\ntag = \"landfall-write-gate-v1\"\nnew_sqlite_classes = [\"LandfallWriteGate\"]\n");
        WriteRules writes = edge.writes();
        t.append("\n# The secret is not here: wrangler secret put LANDFALL_CUTOVER_SECRET\n");
        t.append("[vars]\n");
        t.append("LANDFALL_NEW_ORIGIN = \"").append(toml(candidate)).append("\"\n");
        t.append("LANDFALL_STICKY = \"").append(toml(edge.sticky())).append("\"\n");
        t.append("# What the read split treats as writes: these methods, and paths starting with these prefixes.\n");
        t.append("LANDFALL_WRITE_METHODS = \"")
                .append(toml(String.join(",", writes.methods())))
                .append("\"\n");
        t.append("LANDFALL_WRITE_PATHS = \"")
                .append(toml(String.join(",", writes.paths())))
                .append("\"\n");
        t.append("LANDFALL_WRITE_RETRY_AFTER = \"")
                .append(writes.retryAfterSeconds())
                .append("\"\n");
        return t.toString();
    }

    private static String readme(ServiceSpec spec, EdgeSpec edge) {
        String name = spec.name() + "-cutover";
        return "# " + name + ": the edge split\n\n"
                + "A Worker on the old service's routes that sends a sticky share of requests to the new\n"
                + "backend and the rest to the old Worker `" + edge.worker() + "` (service binding `OLD`).\n"
                + "The share is the KV key `landfall-cutover` in namespace `" + edge.dialNamespace() + "`;\n"
                + "a missing key means 0 %, so deploying it moves no traffic.\n\n"
                + "## Deploy\n\n"
                + "```bash\n"
                + "npx wrangler deploy            # from this directory\n"
                + "export LANDFALL_CUTOVER_SECRET=$(openssl rand -hex 32)   # at least 32 characters\n"
                + "echo \"$LANDFALL_CUTOVER_SECRET\" | npx wrangler secret put LANDFALL_CUTOVER_SECRET\n"
                + "```\n\n"
                + "Keep `LANDFALL_CUTOVER_SECRET` set where Landfall runs: it steers the write gate at\n"
                + "`/__landfall/write-gate`. Without the secret every request there is refused.\n\n"
                + (edge.routes().isEmpty()
                        ? "Then move the old Worker's routes to `" + name + "` in the dashboard (Workers Routes).\n\n"
                        : "Remove the routes listed in `wrangler.toml` from `" + edge.worker()
                                + "` first: a route belongs to one Worker.\n\n")
                + "## Cut over\n\n"
                + "```bash\n"
                + "landfall cutover --spec landfall.yaml --requests-from bundle:export/ --template 'GET /v1/keys/{key}'\n"
                + "```\n\n"
                + "Each step writes the dial through the Cloudflare API (token permission: Workers KV Storage\n"
                + "Edit), waits a minute for every edge location to see it (the Worker caches the key for\n"
                + "60 s), then bakes. Clients stay on their side by `" + edge.sticky() + "`.\n"
                + (edge.shadow() > 0
                        ? "Shadow mode mirrors " + edge.shadow()
                                + " % of the requests kept on the old Worker to the new\n"
                                + "backend and drops its answers: it never changes a response.\n"
                        : "")
                + "\n## Read split and the write gate (live migration)\n\n"
                + "With `\"split\": true` in the dial, the percentage moves reads only. Writes (methods "
                + String.join(", ", edge.writes().methods())
                + (edge.writes().paths().isEmpty()
                        ? ""
                        : ", and paths starting "
                                + String.join(", ", edge.writes().paths()))
                + ")\n"
                + "follow the dial's `writes`: `old` (or absent), `new`, or `gate`, which asks the Durable Object\n"
                + "`LandfallWriteGate`; a frozen gate answers writes 503 with `Retry-After: "
                + edge.writes().retryAfterSeconds() + "`. See docs/cutover.md.\n"
                + "\n## Remove\n\n"
                + "Once the dial is at 100 and the old Worker is no longer needed, point DNS at the\n"
                + "accelerator, then `npx wrangler delete --name " + name + "` and delete the dial namespace.\n"
                + "To undo instead: `landfall cutover` rolls back by itself on a breach; by hand, write\n"
                + "`{\"version\":1,\"percent\":0,\"shadow\":0}` to the dial key (with the read split on, keep\n"
                + "its `split` and `writes` members, or writes follow the percentage again).\n";
    }

    private static String toml(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
