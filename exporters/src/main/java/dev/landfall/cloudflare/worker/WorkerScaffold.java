package dev.landfall.cloudflare.worker;

import dev.landfall.core.error.LandfallException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Writes a deployable export Worker (docs/export-worker-protocol.md): the router's entry module,
 * the shipped modules under {@code src/landfall/}, a {@code wrangler.toml} with the Durable Object
 * and KV bindings, and a README for deploying it, wrapping the classes, and removing it all again.
 * With {@link Capture} it also defines the change log of live migration (protocol 2, §7) and the
 * README says how the application Workers bind and wrap it, and how to remove it after the switch.
 * Holds no secret: the README says how to set one.
 */
public final class WorkerScaffold {
    /** A Durable Object binding of the export Worker: {@code binding} reaches {@code className} of {@code script}. */
    public record DoBinding(String binding, String className, String script) {
        public DoBinding {
            Objects.requireNonNull(binding, "binding");
            Objects.requireNonNull(className, "className");
            Objects.requireNonNull(script, "script");
        }
    }

    /**
     * Capture for live migration: the change log's shard count and per-shard capacity, and the
     * Cloudflare account the log belongs to.
     *
     * @throws LandfallException a usage error naming the flag of a bad value
     */
    public record Capture(int shards, int capacity, String account) {
        public static final int DEFAULT_SHARDS = 8;
        public static final int MAX_SHARDS = 256;
        public static final int DEFAULT_CAPACITY = 100_000;
        public static final int MAX_CAPACITY = 10_000_000;
        private static final Pattern ACCOUNT = Pattern.compile("[0-9a-fA-F]{32}");

        public Capture {
            if (shards < 1 || shards > MAX_SHARDS) {
                throw LandfallException.usage(
                        "--capture-shards " + shards + " is out of range",
                        "give 1 to " + MAX_SHARDS + " (default " + DEFAULT_SHARDS + ")");
            }
            if (capacity < 1 || capacity > MAX_CAPACITY) {
                throw LandfallException.usage(
                        "--capture-capacity " + capacity + " is out of range",
                        "give 1 to " + MAX_CAPACITY + " (default " + DEFAULT_CAPACITY + ")");
            }
            if (account == null || !ACCOUNT.matcher(account).matches()) {
                throw LandfallException.usage(
                        "--account '" + account + "' is not a Cloudflare account id",
                        "give the 32 hex digits of the account (wrangler whoami)");
            }
            account = account.toLowerCase(Locale.ROOT);
        }
    }

    private static final String CHANGES_BINDING = "LANDFALL_CHANGES";
    private static final String CHANGE_LOG_CLASS = "LandfallChangeLog";
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]{0,127}");
    private static final Pattern SCRIPT = Pattern.compile("[a-z0-9][a-z0-9_-]{0,62}");
    private static final String COMPATIBILITY_DATE = "2026-04-01";

    private final String name;
    private final List<DoBinding> durableObjects;
    private final List<String> kv;
    private final Optional<Capture> capture;

    /** An export Worker without capture. */
    public WorkerScaffold(String name, List<DoBinding> durableObjects, List<String> kv) {
        this(name, durableObjects, kv, Optional.empty());
    }

    /**
     * @param name the export Worker's script name
     * @param capture the change log to define, if live migration captures writes
     * @throws LandfallException a usage error naming the flag of a bad name
     */
    public WorkerScaffold(String name, List<DoBinding> durableObjects, List<String> kv, Optional<Capture> capture) {
        this.name = check("--name", name, SCRIPT, "lower-case letters, digits, '-' and '_', e.g. landfall-export");
        for (DoBinding d : durableObjects) {
            check("--do-binding", d.binding(), IDENTIFIER, "a JavaScript identifier such as ROOMS");
            check("--do-class", d.className(), IDENTIFIER, "the exported class name, such as ChatRoom");
            check("--do-script", d.script(), SCRIPT, "the name of the Worker that defines the class");
        }
        kv.forEach(k -> check("--kv-binding", k, IDENTIFIER, "a JavaScript identifier such as SESSIONS"));
        if (durableObjects.isEmpty() && kv.isEmpty()) {
            throw LandfallException.usage(
                    "the export Worker would bind nothing", "give --do-binding/--do-class, --kv-binding, or both");
        }
        this.durableObjects = List.copyOf(durableObjects);
        this.kv = List.copyOf(kv);
        this.capture = Objects.requireNonNull(capture, "capture");
    }

    private static String check(String flag, String value, Pattern pattern, String expected) {
        if (value == null || !pattern.matcher(value).matches()) {
            throw LandfallException.usage(flag + " '" + value + "' is not valid", "write " + expected);
        }
        return value;
    }

    /** Writes the files into {@code dir} (created if needed), replacing ours; returns them. */
    public List<Path> write(Path dir) throws IOException {
        List<Path> written = new ArrayList<>();
        Path src = Files.createDirectories(dir.resolve("src"));
        WorkerScripts.copyTo(src.resolve("landfall"));
        WorkerScripts.MODULES.forEach(m -> written.add(src.resolve("landfall").resolve(m)));
        written.add(writeFile(src.resolve("index.mjs"), indexModule()));
        written.add(writeFile(dir.resolve("wrangler.toml"), wranglerToml()));
        written.add(writeFile(dir.resolve("README.md"), readme()));
        return written;
    }

    private static Path writeFile(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    String indexModule() {
        String module = "// Landfall's export Worker: the router (docs/export-worker-protocol.md).\n"
                + "// Generated by `landfall export-worker scaffold`; deploy it with `wrangler deploy`.\n"
                + "import { exportRouter } from \"./landfall/index.mjs\";\n\n";
        if (capture.isPresent()) {
            module += "// The change log of live migration: the application Workers bind it (README.md).\n"
                    + "export { LandfallChangeLog } from \"./landfall/index.mjs\";\n\n";
        }
        return module + "export default exportRouter;\n";
    }

    String wranglerToml() {
        StringBuilder t = new StringBuilder();
        t.append("# Landfall's export Worker, for the migration only; remove it afterwards (README.md).\n");
        t.append("name = \"").append(name).append("\"\n");
        t.append("main = \"src/index.mjs\"\n");
        t.append("compatibility_date = \"").append(COMPATIBILITY_DATE).append("\"\n");
        t.append("workers_dev = true\n\n");
        t.append("# The secret is not here: wrangler secret put LANDFALL_EXPORT_SECRET\n");
        t.append("[vars]\n");
        t.append("LANDFALL_DO_CLASSES = \"");
        t.append(String.join(
                ",",
                durableObjects.stream()
                        .map(d -> d.binding() + "=" + d.className())
                        .toList()));
        t.append("\"\n");
        capture.ifPresent(c -> {
            t.append("LANDFALL_CAPTURE_SHARDS = \"").append(c.shards()).append("\"\n");
            t.append("LANDFALL_CAPTURE_CAPACITY = \"").append(c.capacity()).append("\"\n");
            t.append("LANDFALL_ACCOUNT_ID = \"").append(c.account()).append("\"\n");
        });
        for (DoBinding d : durableObjects) {
            t.append("\n[[durable_objects.bindings]]\n");
            t.append("name = \"").append(d.binding()).append("\"\n");
            t.append("class_name = \"").append(d.className()).append("\"\n");
            t.append("script_name = \"").append(d.script()).append("\"  # the Worker that defines the class\n");
        }
        for (String k : kv) {
            t.append("\n[[kv_namespaces]]\n");
            t.append("binding = \"").append(k).append("\"\n");
            t.append("id = \"REPLACE-WITH-THE-NAMESPACE-ID\"  # wrangler kv namespace list\n");
        }
        if (capture.isPresent()) {
            t.append("\n# The change log of live migration, defined here; the application Workers bind it.\n");
            t.append("[[durable_objects.bindings]]\n");
            t.append("name = \"").append(CHANGES_BINDING).append("\"\n");
            t.append("class_name = \"").append(CHANGE_LOG_CLASS).append("\"\n");
            t.append("\n[[migrations]]\n");
            t.append("tag = \"landfall-capture\"\n");
            t.append("new_sqlite_classes = [\"").append(CHANGE_LOG_CLASS).append("\"]\n");
        }
        return t.toString();
    }

    String readme() {
        StringBuilder r = new StringBuilder();
        r.append("""
                # Landfall export Worker

                Reads Durable Object storage (and bound KV namespaces) for `landfall export`, behind a
                shared secret. Protocol: Landfall's `docs/export-worker-protocol.md`. Deploy it for the
                migration, remove it afterwards.

                ## 1. Choose a secret

                ```bash
                export LANDFALL_EXPORT_SECRET=$(openssl rand -hex 32)   # at least 32 characters
                ```

                """);
        if (!durableObjects.isEmpty()) {
            r.append("""
                    ## 2. Wrap your Durable Object classes

                    Copy `src/landfall/` into the Worker that defines the classes, and in the module that
                    exports them, wrap each class (requests that are not authenticated export requests reach
                    your class unchanged):

                    ```js
                    import { withLandfallExport } from "./landfall/index.mjs";
                    """);
            for (DoBinding d : durableObjects) {
                r.append("export const %1$s = withLandfallExport(%1$sImplementation);   // was: export class %1$s …\n"
                        .formatted(d.className()));
            }
            r.append("```\n\nGive that Worker the same secret, then deploy it:\n\n");
            r.append("```bash\n");
            durableObjects.stream()
                    .map(DoBinding::script)
                    .distinct()
                    .forEach(s -> r.append(
                                    "echo \"$LANDFALL_EXPORT_SECRET\" | wrangler secret put LANDFALL_EXPORT_SECRET --name ")
                            .append(s)
                            .append("\n"));
            r.append("```\n\n");
        }
        r.append("## 3. Deploy the export Worker\n\n");
        if (!kv.isEmpty()) {
            r.append("Fill in each KV namespace id in `wrangler.toml` first (`wrangler kv namespace list`).\n\n");
        }
        r.append("```bash\necho \"$LANDFALL_EXPORT_SECRET\" | wrangler secret put LANDFALL_EXPORT_SECRET\n");
        r.append("wrangler deploy          # prints the Worker's URL\n```\n\n");
        capture.ifPresent(c -> captureSection(r, c));
        r.append("## 4. Export\n\n```bash\n");
        r.append("landfall export --to bundle:export/");
        durableObjects.forEach(d -> r.append(" --do ").append(d.className()));
        r.append(" \\\n    --export-worker https://").append(name).append(".YOUR-SUBDOMAIN.workers.dev\n```\n\n");
        if (capture.isPresent()) {
            r.append("## 5. Remove it\n\n");
            r.append("Remove capture first (3c), then the export Worker:\n\n```bash\n");
        } else {
            r.append("## 5. Remove it\n\n```bash\n");
        }
        r.append("wrangler delete --name ").append(name).append("\n");
        durableObjects.stream()
                .map(DoBinding::script)
                .distinct()
                .forEach(s -> r.append("wrangler secret delete LANDFALL_EXPORT_SECRET --name ")
                        .append(s)
                        .append("\n"));
        r.append("```\n\n");
        if (!durableObjects.isEmpty()) {
            r.append("Then remove the `withLandfallExport(…)` wrapping and `src/landfall/` from your Worker and\n");
            r.append("deploy it again.\n");
        }
        return r.toString();
    }

    private void captureSection(StringBuilder r, Capture c) {
        r.append("""
                ## 3a. Capture writes for live migration (before the full load)

                This export Worker defines `%s`, the change log (%s shards of at most %s pending changes,
                account %s). Turn capture on **before** the full load starts: writes made
                before capture are not in the log, and `landfall migrate --follow` refuses a capture that
                began after its full load.

                **Every** application Worker bound to a captured KV namespace must capture, or its writes are
                missed. In each one, copy `src/landfall/` into its sources and add to its `wrangler.toml`:

                ```toml
                [[durable_objects.bindings]]
                name = "%s"
                class_name = "%s"
                script_name = "%s"  # this export Worker

                [vars]
                LANDFALL_CAPTURE_SHARDS = "%s"  # the same as the export Worker's
                ```

                """.formatted(
                        CHANGE_LOG_CLASS,
                        c.shards(),
                        c.capacity(),
                        c.account(),
                        CHANGES_BINDING,
                        CHANGE_LOG_CLASS,
                        name,
                        c.shards()));
        r.append("""
                and wrap `env` with one line where the Worker reads it (in every handler that writes KV:
                `fetch`, `scheduled`, `queue`, …):

                ```js
                import { withLandfallCapture } from "./landfall/capture.mjs";

                export default {
                  async fetch(request, env, ctx) {
                    env = withLandfallCapture(env);
                    // … the Worker as before
                  },
                };
                ```

                Landfall finds each namespace by the binding's name, as its title. Where an application binds
                a namespace under another name, name the namespace's title in the wrap, for example
                `withLandfallCapture(env, { SESSIONS: "prod-sessions" })`.

                **Durable Objects** capture themselves: a class wrapped with `withLandfallExport` (as the
                export needs) records every write of its storage and SQL tables once the Worker that defines it
                binds `%s` as above; no other change. Where a bundler renames classes, give the
                deployed name: `withLandfallExport(Room, { className: "Room" })`.

                Deploy this export Worker first (it defines the class), then each application Worker.
                `put` and `delete` now record the key before writing; reads are unchanged. Check that
                capture is on (`"capture"` is not `null`):

                ```bash
                curl -H "Authorization: Bearer $LANDFALL_EXPORT_SECRET" \\
                    https://%s.YOUR-SUBDOMAIN.workers.dev/landfall/v2/info
                ```

                """.formatted(CHANGES_BINDING, name));
        r.append("""
                ## 3b. Follow, then switch

                Run the full load and follow the log with `landfall migrate --follow`, then switch with
                `landfall migrate --final` (Landfall's docs/live-migration.md).

                ## 3c. Remove capture (after the switch), in this order

                1. In every application Worker, remove the `withLandfallCapture(env)` line and deploy it.
                2. Then remove the `%1$s` binding (and `src/landfall/`) from
                   each application Worker and deploy it again. A binding removed before its wrap makes
                   the wrap throw. A Durable Object class stops capturing as soon as its Worker no longer
                   binds it (keep `withLandfallExport` while you still export).
                3. Then delete the class: in this export Worker, remove the `%1$s` binding and the
                   `export { %2$s }` line of `src/index.mjs`, and add
                   (after the `landfall-capture` migration, which stays)

                   ```toml
                   [[migrations]]
                   tag = "landfall-capture-removed"
                   deleted_classes = ["%2$s"]
                   ```

                   and deploy it (`wrangler deploy`). This deletes the log.

                """.formatted(CHANGES_BINDING, CHANGE_LOG_CLASS));
    }
}
