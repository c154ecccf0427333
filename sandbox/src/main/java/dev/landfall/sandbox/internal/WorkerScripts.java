package dev.landfall.sandbox.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.landfall.core.model.KvNamespace;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The seeded Workers scripts: {@value DurableObjectStore#SCRIPT}, bound to every seeded KV
 * namespace and Durable Object class plus a realistic mix of other binding types (and one type a
 * client will not know), and a small cron Worker. Built once at start; later namespace changes do
 * not edit the bindings, as with a deployed Worker. With capture on, the app also binds the change
 * log ({@code LANDFALL_CHANGES} to class {@code LandfallChangeLog} of {@value #EXPORT_SCRIPT}), as a
 * captured application does.
 */
public final class WorkerScripts {
    private record Script(ObjectNode listItem, ObjectNode settings) {}

    /** The export Worker that defines the change log's class, as the scaffold names it. */
    static final String EXPORT_SCRIPT = "landfall-export";

    private final List<KvNamespace> kv;
    private final DurableObjectStore dos;
    private final String d1;
    private final String appEtag;
    private final String cronEtag;
    private final String created;
    private final String modified;
    private final boolean captured;
    private Map<String, Script> scripts;

    /**
     * Takes what the scripts describe now (ids drawn now, so they stay deterministic); the JSON is
     * built on first use, keeping Jackson's databind out of the start time.
     */
    public WorkerScripts(List<KvNamespaceState> kv, DurableObjectStore dos, Ids ids, Instant now, boolean captured) {
        this.captured = captured;
        this.kv = kv.stream().map(n -> new KvNamespace(n.id(), n.title())).toList();
        this.dos = dos;
        this.d1 = ids.hex32();
        this.appEtag = ids.hex64();
        this.cronEtag = ids.hex64();
        this.created = now.minusSeconds(86_400L * 40).toString();
        this.modified = now.minusSeconds(86_400L * 2).toString();
    }

    private synchronized Map<String, Script> scripts() {
        if (scripts == null) {
            scripts = new LinkedHashMap<>();
            build();
        }
        return scripts;
    }

    private void build() {
        ArrayNode app = Envelope.mapper().createArrayNode();
        for (KvNamespace ns : kv) {
            app.addObject()
                    .put("name", bindingName(ns.title()))
                    .put("type", "kv_namespace")
                    .put("namespace_id", ns.namespaceId());
        }
        for (DurableObjectStore.Namespace ns : dos.namespaces()) {
            app.addObject()
                    .put("name", bindingName(ns.className()))
                    .put("type", "durable_object_namespace")
                    .put("class_name", ns.className())
                    .put("namespace_id", ns.id());
        }
        if (captured) {
            app.addObject()
                    .put("name", "LANDFALL_CHANGES")
                    .put("type", "durable_object_namespace")
                    .put("class_name", "LandfallChangeLog")
                    .put("script_name", EXPORT_SCRIPT);
        }
        app.addObject().put("name", "EVENTS").put("type", "queue").put("queue_name", "landfall-events");
        app.addObject().put("name", "ASSETS_BUCKET").put("type", "r2_bucket").put("bucket_name", "landfall-assets");
        app.addObject()
                .put("name", "DB")
                .put("type", "d1")
                .put("database_id", uuid(d1))
                .put("id", uuid(d1));
        app.addObject().put("name", "API_SECRET").put("type", "secret_text");
        app.addObject().put("name", "REGION").put("type", "plain_text").put("text", "eu-west-1");
        app.addObject().put("name", "METRICS").put("type", "analytics_engine").put("dataset", "landfall_metrics");
        app.addObject()
                .put("name", "AUTH")
                .put("type", "service")
                .put("service", "auth-worker")
                .put("environment", "production");
        app.addObject().put("name", "SEARCH").put("type", "ai_search_namespace").put("namespace", "docs");
        boolean hasDo = !dos.namespaces().isEmpty();
        add(
                DurableObjectStore.SCRIPT,
                appEtag,
                created,
                modified,
                List.of("fetch", "queue", "scheduled"),
                hasDo,
                app,
                dos);

        ArrayNode cron = Envelope.mapper().createArrayNode();
        cron.addObject().put("name", "APP").put("type", "service").put("service", DurableObjectStore.SCRIPT);
        cron.addObject().put("name", "SCHEDULE").put("type", "plain_text").put("text", "*/5 * * * *");
        add(
                "landfall-sandbox-cron",
                cronEtag,
                created,
                modified,
                List.of("scheduled"),
                false,
                cron,
                new DurableObjectStore(List.of()));
    }

    private void add(
            String name,
            String etag,
            String created,
            String modified,
            List<String> handlers,
            boolean hasDo,
            ArrayNode bindings,
            DurableObjectStore dos) {
        ObjectNode item = Envelope.mapper().createObjectNode();
        item.put("id", name);
        item.put("created_on", created);
        item.put("modified_on", modified);
        item.put("etag", etag);
        handlers.forEach(item.putArray("handlers")::add);
        ArrayNode named = item.putArray("named_handlers");
        for (DurableObjectStore.Namespace ns : dos.namespaces()) {
            ObjectNode h = named.addObject().put("name", ns.className());
            h.putArray("handlers").add("class");
        }
        item.put("compatibility_date", "2025-04-01");
        item.putArray("compatibility_flags").add("nodejs_compat");
        item.put("usage_model", "standard");
        item.put("has_modules", true);
        item.put("has_assets", false);
        if (hasDo) {
            item.put("migration_tag", "v" + dos.namespaces().size());
        }
        item.put("logpush", false);
        item.putArray("routes");
        item.putArray("tags");
        item.putArray("tail_consumers");
        item.putObject("placement");
        item.put("last_deployed_from", "wrangler");

        ObjectNode settings = Envelope.mapper().createObjectNode();
        settings.set("bindings", bindings);
        settings.put("compatibility_date", "2025-04-01");
        settings.putArray("compatibility_flags").add("nodejs_compat");
        settings.putObject("limits").put("cpu_ms", 30_000);
        settings.put("logpush", false);
        settings.putObject("observability").put("enabled", true);
        settings.putObject("placement");
        settings.putArray("tags");
        settings.putArray("tail_consumers");
        settings.put("usage_model", "standard");
        scripts.put(name, new Script(item, settings));
    }

    /** The script list items, in a stable order. */
    public List<ObjectNode> list() {
        return scripts().values().stream().map(Script::listItem).toList();
    }

    /** A script's settings, with bindings. */
    public Optional<ObjectNode> settings(String name) {
        return Optional.ofNullable(scripts().get(name)).map(Script::settings);
    }

    private static String bindingName(String title) {
        String s = title.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9_]", "_");
        return s.isEmpty() || Character.isDigit(s.charAt(0)) ? "_" + s : s;
    }

    private static String uuid(String hex32) {
        return hex32.substring(0, 8) + "-" + hex32.substring(8, 12) + "-" + hex32.substring(12, 16) + "-"
                + hex32.substring(16, 20) + "-" + hex32.substring(20);
    }
}
