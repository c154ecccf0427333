package dev.landfall.sandbox.internal;

import dev.landfall.core.model.DurableObject;
import dev.landfall.core.model.Entry;
import dev.landfall.core.model.Key;
import dev.landfall.sandbox.DoSeed;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The seeded Durable Object namespaces, their object ids, and each object's storage.
 *
 * <p>Internal: the export-Worker protocol of the sandbox reads storage through {@link
 * Namespace#entries(String)}; there is no REST route for it, as in Cloudflare. Storage is a pure
 * function of the seed, generated on each call, so a large seed costs nothing until read.
 * Values are typed JSON ({@code $t} tags as in ARCHITECTURE.md).
 */
public final class DurableObjectStore {
    /** The script that owns every seeded class. */
    public static final String SCRIPT = "landfall-sandbox-app";

    /**
     * One namespace.
     *
     * @param id 32 hex
     * @param className the class name
     * @param name {@code script_class}
     * @param script the owning script
     * @param useSqlite whether objects are SQLite-backed
     * @param objectIds 64-hex ids, sorted
     * @param keysPerObject entries in each object
     * @param seed the storage generator seed
     */
    public record Namespace(
            String id,
            String className,
            String name,
            String script,
            boolean useSqlite,
            List<String> objectIds,
            int keysPerObject,
            long seed) {
        public Namespace {
            objectIds = Collections.unmodifiableList(objectIds);
        }

        /** Whether the namespace holds this object. */
        public boolean contains(String objectId) {
            return Collections.binarySearch(objectIds, objectId) >= 0;
        }

        /** The object's entries in key order, empty for an unknown object. */
        public List<Entry> entries(String objectId) {
            int index = Collections.binarySearch(objectIds, objectId);
            if (index < 0) {
                return List.of();
            }
            DurableObject scope = new DurableObject(id, objectId);
            SplittableRandom r = new SplittableRandom(seed ^ (index * 0x9E3779B97F4A7C15L));
            List<Entry> out = new ArrayList<>(keysPerObject);
            for (int k = 0; k < keysPerObject; k++) {
                out.add(new Entry(
                        scope, Key.of(key(k)), value(k, index, r).getBytes(StandardCharsets.UTF_8), null, null));
            }
            out.sort((a, b) -> a.key().compareTo(b.key()));
            return out;
        }
    }

    private final List<Namespace> namespaces;
    /** Writes made since the seed, per namespace id and object id: an entry, or empty for a delete. */
    private final Map<String, ConcurrentSkipListMap<Key, Optional<Entry>>> written = new ConcurrentHashMap<>();

    public DurableObjectStore(List<Namespace> namespaces) {
        this.namespaces = new java.util.concurrent.CopyOnWriteArrayList<>(namespaces);
    }

    /**
     * Adds a namespace whose objects have the given ids and no storage here: for tests whose
     * storage lives in another runtime (workerd), so the REST API lists that runtime's objects.
     *
     * @return the new namespace
     */
    public Namespace register(String id, String className, boolean useSqlite, List<String> objectIds) {
        Namespace ns = new Namespace(
                id,
                className,
                SCRIPT + "_" + className,
                SCRIPT,
                useSqlite,
                new ArrayList<>(new TreeSet<>(objectIds)),
                0,
                0);
        namespaces.add(ns);
        return ns;
    }

    /** Builds the namespaces of {@code seeds}, ids drawn from {@code ids}. */
    public static DurableObjectStore seed(List<DoSeed> seeds, Ids ids, long randomSeed) {
        List<Namespace> out = new ArrayList<>();
        for (int i = 0; i < seeds.size(); i++) {
            DoSeed s = seeds.get(i);
            String nsId = ids.hex32();
            TreeSet<String> objectIds = new TreeSet<>();
            while (objectIds.size() < s.objects()) {
                objectIds.add(ids.hex64());
            }
            out.add(new Namespace(
                    nsId,
                    s.className(),
                    SCRIPT + "_" + s.className(),
                    SCRIPT,
                    i % 2 == 0,
                    new ArrayList<>(objectIds),
                    s.keysPerObject(),
                    randomSeed ^ s.className().hashCode() * 0xBF58476D1CE4E5B9L));
        }
        return new DurableObjectStore(out);
    }

    /**
     * An object's entries now, in key order: its seeded entries with the writes made since over
     * them. Empty for an object the namespace does not hold.
     */
    public List<Entry> entries(Namespace ns, String objectId) {
        List<Entry> seeded = ns.entries(objectId);
        Map<Key, Optional<Entry>> writes = written.get(ns.id() + "/" + objectId);
        if (writes == null) {
            return seeded;
        }
        TreeMap<Key, Entry> now = new TreeMap<>();
        seeded.forEach(e -> now.put(e.key(), e));
        writes.forEach((k, e) -> {
            if (e.isPresent()) {
                now.put(k, e.get());
            } else {
                now.remove(k);
            }
        });
        return new ArrayList<>(now.values());
    }

    /** Puts an entry into an object the namespace holds (its scope is the object's). */
    public void put(Namespace ns, String objectId, Entry entry) {
        writesOf(ns, objectId).put(entry.key(), Optional.of(entry));
    }

    /** Deletes a key of an object the namespace holds. */
    public void delete(Namespace ns, String objectId, Key key) {
        writesOf(ns, objectId).put(key, Optional.empty());
    }

    private ConcurrentSkipListMap<Key, Optional<Entry>> writesOf(Namespace ns, String objectId) {
        if (!ns.contains(objectId)) {
            throw new IllegalArgumentException("namespace " + ns.id() + " holds no object " + objectId);
        }
        return written.computeIfAbsent(ns.id() + "/" + objectId, k -> new ConcurrentSkipListMap<>());
    }

    public List<Namespace> namespaces() {
        return List.copyOf(namespaces);
    }

    public Optional<Namespace> find(String id) {
        Objects.requireNonNull(id, "id");
        return namespaces.stream().filter(n -> n.id().equals(id)).findFirst();
    }

    private static String key(int k) {
        if (k == 0) {
            return "state";
        }
        return switch (k % 7) {
            case 1 -> "user:" + k + ":name";
            case 2 -> String.format("event/%08d", k);
            case 3 -> "ключ-" + k;
            case 4 -> "cfg." + k;
            default -> String.format("item:%06d", k);
        };
    }

    private static String value(int k, int objectIndex, SplittableRandom r) {
        return switch (k % 11) {
            case 0 -> "{\"count\":" + r.nextInt(100_000) + ",\"object\":" + objectIndex + "}";
            case 1 -> "\"text value " + k + " ✓\"";
            case 2 -> String.valueOf(r.nextInt(1_000_000) - 500_000);
            case 3 ->
                String.format(
                        "{\"$t\":\"Date\",\"v\":\"2025-%02d-%02dT%02d:%02d:%02d.%03dZ\"}",
                        1 + r.nextInt(12),
                        1 + r.nextInt(28),
                        r.nextInt(24),
                        r.nextInt(60),
                        r.nextInt(60),
                        r.nextInt(1000));
            case 4 -> "{\"$t\":\"Map\",\"v\":[[\"a\"," + k + "],[\"b\",{\"x\":true}]]}";
            case 5 -> "{\"$t\":\"Set\",\"v\":[1,2," + k + "]}";
            case 6 -> {
                byte[] b = new byte[8];
                r.nextBytes(b);
                yield "{\"$t\":\"Bytes\",\"view\":\"Uint8Array\",\"b64\":\""
                        + Base64.getEncoder().encodeToString(b) + "\"}";
            }
            case 7 -> "{\"$t\":\"BigInt\",\"v\":\"" + Long.toUnsignedString(r.nextLong()) + "000000000\"}";
            case 8 ->
                "{\"$t\":\"Number\",\"v\":\""
                        + List.of("NaN", "Infinity", "-Infinity", "-0").get(r.nextInt(4)) + "\"}";
            case 9 -> "{\"$t\":\"Object\",\"v\":{\"$t\":\"user-data\",\"n\":" + k + "}}";
            default -> "[true,null,1.5,\"x" + k + "\"]";
        };
    }
}
