package dev.landfall.cloudflare.inventory;

import dev.landfall.cloudflare.api.CloudflareClient;
import dev.landfall.cloudflare.api.DurableObjectNamespaceInfo;
import dev.landfall.cloudflare.api.KeyPage;
import dev.landfall.cloudflare.api.KvNamespaceInfo;
import dev.landfall.cloudflare.api.ListedKey;
import dev.landfall.cloudflare.api.ObjectPage;
import dev.landfall.cloudflare.api.WorkerBinding;
import dev.landfall.cloudflare.api.WorkerScript;
import dev.landfall.cloudflare.api.WorkersClient;
import dev.landfall.core.text.VisibleText;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Reads an account's map through one {@link CloudflareClient} (its budget and retries): the
 * scripts and their bindings, the KV namespaces (every key listed only when asked, since that
 * costs a request per 1,000 keys, and then the values of up to 1,000 keys spread over the namespace,
 * at most {@value #MAX_SAMPLE_GETS} bulk gets, to see how many an export must read one by one), the Durable Object
 * namespaces with their objects counted, and which binding points at which namespace. Reads only;
 * one thread.
 */
public final class InventoryScanner {
    /**
     * The most bulk gets one namespace's value sample takes: 1,000 values pin a share down to about
     * a percentage point, and a namespace of up to 1,000 keys is read whole (its count is then exact).
     */
    static final int MAX_SAMPLE_GETS = 10;

    private final CloudflareClient client;
    private final WorkersClient workers;
    private final Clock clock;
    private final Consumer<String> progress;

    /**
     * @param progress one line per step, for stderr; never carries a value or the token
     */
    public InventoryScanner(CloudflareClient client, Clock clock, Consumer<String> progress) {
        this.client = Objects.requireNonNull(client, "client");
        this.workers = new WorkersClient(client);
        this.clock = Objects.requireNonNull(clock, "clock");
        this.progress = Objects.requireNonNull(progress, "progress");
    }

    /**
     * Scans the account.
     *
     * @param countKeys list every key of every KV namespace to count them
     * @throws dev.landfall.core.error.LandfallException as {@link CloudflareClient} does
     */
    public AccountInventory scan(boolean countKeys) throws IOException {
        long before = client.stats().requests();
        List<WorkerScript> scripts = new ArrayList<>();
        for (WorkerScript s : workers.listScripts()) {
            scripts.add(s.withBindings(workers.bindings(s.name())));
        }
        scripts.sort(Comparator.comparing(WorkerScript::name));
        progress.accept(scripts.size() + " Worker script(s) read with their bindings");

        List<KvNamespaceInfo> kvInfos = client.listKvNamespaces();
        List<DurableObjectNamespaceInfo> doInfos = workers.listDurableObjectNamespaces();
        Map<String, List<String>> kvBound = new HashMap<>();
        Map<String, List<String>> doBound = new HashMap<>();
        for (WorkerScript s : scripts) {
            for (WorkerBinding b : s.bindings()) {
                String ref = s.name() + "." + b.name();
                if (b.type().equals("kv_namespace")) {
                    kvBound.computeIfAbsent(b.reference("namespace_id"), k -> new ArrayList<>())
                            .add(ref);
                } else if (b.type().equals("durable_object_namespace")) {
                    doNamespaceOf(b, s, doInfos)
                            .ifPresent(id -> doBound.computeIfAbsent(id, k -> new ArrayList<>())
                                    .add(ref));
                }
            }
        }

        long counting = 0;
        long sampling = 0;
        List<KvNamespaceItem> kv = new ArrayList<>();
        for (KvNamespaceInfo ns : kvInfos) {
            Optional<KeyCount> keys = Optional.empty();
            Optional<ValueSample> sample = Optional.empty();
            if (countKeys) {
                SpreadSample<String> spread = new SpreadSample<>(MAX_SAMPLE_GETS * CloudflareClient.MAX_BULK_KEYS);
                KeyCount c = countKeys(ns, spread);
                counting += c.listRequests();
                keys = Optional.of(c);
                sample = sample(ns, spread);
                sampling += sample.map(ValueSample::requests).orElse(0);
            }
            kv.add(new KvNamespaceItem(ns.id(), ns.title(), sorted(kvBound.get(ns.id())), keys, sample));
        }
        kv.sort(Comparator.comparing(KvNamespaceItem::title).thenComparing(KvNamespaceItem::id));
        if (countKeys) {
            progress.accept("--count-keys: " + counting + " key-list request(s) and " + sampling
                    + " value-sample request(s) spent");
        }

        List<DoNamespaceItem> dos = new ArrayList<>();
        for (DurableObjectNamespaceInfo ns : doInfos) {
            dos.add(countObjects(ns, sorted(doBound.get(ns.id()))));
        }
        dos.sort(Comparator.comparing(DoNamespaceItem::script)
                .thenComparing(DoNamespaceItem::className)
                .thenComparing(DoNamespaceItem::id));
        long requests = client.stats().requests() - before;
        return new AccountInventory(
                client.endpoint().accountId(),
                clock.instant(),
                scripts,
                kv,
                dos,
                countKeys,
                requests,
                counting,
                sampling);
    }

    /**
     * The namespace a Durable Object binding points at: its {@code namespace_id} when sent, else
     * the namespace of its class in {@code script_name} (or in the binding's own script).
     */
    private static Optional<String> doNamespaceOf(
            WorkerBinding b, WorkerScript owner, List<DurableObjectNamespaceInfo> namespaces) {
        if (!b.reference("namespace_id").isEmpty()) {
            return Optional.of(b.reference("namespace_id"));
        }
        String script = b.reference("script_name").isEmpty() ? owner.name() : b.reference("script_name");
        return namespaces.stream()
                .filter(ns -> ns.className().equals(b.reference("class_name"))
                        && ns.script().equals(script))
                .map(DurableObjectNamespaceInfo::id)
                .findFirst();
    }

    private KeyCount countKeys(KvNamespaceInfo ns, SpreadSample<String> spread) throws IOException {
        long keys = 0;
        long keyBytes = 0;
        long metadataBytes = 0;
        long expiring = 0;
        long calls = 0;
        String cursor = "";
        do {
            KeyPage page = client.listKeys(ns.id(), "", cursor);
            calls++;
            for (ListedKey k : page.keys()) {
                keys++;
                spread.add(k.name());
                keyBytes += k.key().size();
                if (k.metadataJson() != null) {
                    metadataBytes += k.metadataJson().getBytes(StandardCharsets.UTF_8).length;
                }
                if (k.expiration() != null) {
                    expiring++;
                }
            }
            cursor = page.cursor();
        } while (!cursor.isEmpty());
        progress.accept("kv " + VisibleText.of(ns.title()) + ": " + keys + " key(s) counted with " + calls
                + " list request(s)");
        return new KeyCount(keys, keyBytes, metadataBytes, expiring, calls);
    }

    /**
     * Bulk gets of up to {@value #MAX_SAMPLE_GETS} × 100 keys spread over the namespace: how many of
     * their values an export would read alone. Stops at the first refused one. Empty for a
     * namespace without keys (nothing to read, nothing spent).
     */
    private Optional<ValueSample> sample(KvNamespaceInfo ns, SpreadSample<String> spread) throws IOException {
        int batch = CloudflareClient.MAX_BULK_KEYS;
        List<String> keys = spread.items();
        if (keys.isEmpty()) {
            return Optional.empty();
        }
        boolean everyKey = keys.size() == spread.seen();
        ValueSample s = null;
        for (int i = 0; i < keys.size() && (s == null || s.failure() == null); i += batch) {
            List<String> part = keys.subList(i, Math.min(keys.size(), i + batch));
            ValueSample one = ValueSample.of(part, everyKey, client.bulkGet(ns.id(), part));
            s = s == null ? one : s.plus(one);
        }
        progress.accept("kv " + VisibleText.of(ns.title()) + ": "
                + (s.usable()
                        ? s.values() + " value(s) sampled, " + s.readAlone() + " binary"
                        : "values not sampled: " + s.failure()));
        return Optional.of(s);
    }

    private DoNamespaceItem countObjects(DurableObjectNamespaceInfo ns, List<String> boundBy) throws IOException {
        long objects = 0;
        long stored = 0;
        long calls = 0;
        String cursor = "";
        do {
            ObjectPage page = workers.listObjects(ns.id(), cursor, WorkersClient.MAX_OBJECTS_PER_PAGE);
            calls++;
            objects += page.ids().size();
            stored += page.withStoredData();
            cursor = page.cursor();
        } while (!cursor.isEmpty());
        progress.accept("durable objects " + VisibleText.of(ns.className()) + ": " + objects + " object(s)");
        return new DoNamespaceItem(
                ns.id(),
                ns.className(),
                ns.script(),
                Optional.ofNullable(ns.useSqlite()),
                objects,
                stored,
                calls,
                boundBy);
    }

    private static List<String> sorted(List<String> list) {
        return list == null ? List.of() : list.stream().sorted().toList();
    }
}
