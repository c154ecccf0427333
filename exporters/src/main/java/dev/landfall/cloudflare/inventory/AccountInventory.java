package dev.landfall.cloudflare.inventory;

import dev.landfall.cloudflare.api.WorkerBinding;
import dev.landfall.cloudflare.api.WorkerScript;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What an account holds, as {@link InventoryScanner} found it: scripts with their bindings, KV
 * namespaces, Durable Object namespaces, and the API requests the scan spent.
 *
 * @param account the account id
 * @param at when the scan finished
 * @param scripts every Worker script, sorted by name
 * @param kv every KV namespace, sorted by title
 * @param durableObjects every Durable Object namespace, sorted by script and class
 * @param keysCounted whether {@code --count-keys} listed every key
 * @param requests API requests the scan sent, retries included
 * @param countingRequests of those, the key-list requests of {@code --count-keys}
 * @param samplingRequests of those, the bulk gets of {@code --count-keys} that sampled values
 */
public record AccountInventory(
        String account,
        Instant at,
        List<WorkerScript> scripts,
        List<KvNamespaceItem> kv,
        List<DoNamespaceItem> durableObjects,
        boolean keysCounted,
        long requests,
        long countingRequests,
        long samplingRequests) {
    public AccountInventory {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(at, "at");
        scripts = List.copyOf(scripts);
        kv = List.copyOf(kv);
        durableObjects = List.copyOf(durableObjects);
    }

    /** How many bindings of each kind the scripts have, in {@link BindingKind} order. */
    public Map<BindingKind, Integer> bindingKinds() {
        Map<BindingKind, Integer> out = new TreeMap<>();
        for (WorkerScript s : scripts) {
            for (WorkerBinding b : s.bindings()) {
                out.merge(BindingKind.of(b.type()), 1, Integer::sum);
            }
        }
        return out;
    }

    /** The Cloudflare services the scripts use (vendor-specific kinds, unknown types one each). */
    public List<String> vendorServices() {
        List<String> out = new ArrayList<>();
        TreeMap<String, Boolean> unknown = new TreeMap<>();
        for (BindingKind k : bindingKinds().keySet()) {
            if (k.vendorSpecific() && k != BindingKind.UNKNOWN) {
                out.add(k.label());
            }
        }
        for (WorkerScript s : scripts) {
            for (WorkerBinding b : s.bindings()) {
                if (BindingKind.of(b.type()) == BindingKind.UNKNOWN) {
                    unknown.put(b.type(), true);
                }
            }
        }
        out.addAll(unknown.keySet());
        return out;
    }

    /** Objects in every Durable Object namespace. */
    public long objects() {
        return durableObjects.stream().mapToLong(DoNamespaceItem::objects).sum();
    }
}
