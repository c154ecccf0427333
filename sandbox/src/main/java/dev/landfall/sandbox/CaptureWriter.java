package dev.landfall.sandbox;

import dev.landfall.core.model.DurableObject;
import dev.landfall.core.model.Entry;
import dev.landfall.core.model.Key;
import dev.landfall.core.time.Sleeper;
import dev.landfall.sandbox.internal.CapturedKv;
import dev.landfall.sandbox.internal.CapturedObjects;
import dev.landfall.sandbox.internal.DurableObjectStore;
import dev.landfall.sandbox.internal.GeneratedValue;
import dev.landfall.sandbox.internal.KvItem;
import dev.landfall.sandbox.internal.KvNamespaceState;
import dev.landfall.sandbox.internal.Pacer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * The sandbox's built-in writer ({@code landfall sandbox --writes N/s}): writes into the seeded KV
 * namespaces as a captured Worker would (record the change, then write), so that a live migration
 * can be rehearsed locally. The mix is drawn from the sandbox's seed: 40% puts of new keys, 35%
 * overwrites of existing keys with a new value and metadata, 15% deletes of existing keys, 10% puts
 * of new keys that expire an hour ahead. Values are 16 to 256 bytes of JSON or text; half carry
 * metadata. Where the sandbox also holds Durable Objects ({@code --seed-do}), a fifth of the writes
 * go to a random object instead, as a class wrapped by {@code withLandfallExport} would make them:
 * two puts of a key (new or the writer's earlier one) for every delete of one of the writer's keys.
 *
 * <p>Its thread makes {@code perSecond} writes a second on the sandbox's clock, paced so that it
 * never bursts to catch up ({@link Pacer}). Thread-safe: {@link #step()} may be called by a test
 * while the thread is paused or not running, and gives the same sequence for the same seed and data.
 */
public final class CaptureWriter {
    /** How many writes of each kind have been made. */
    public record Mix(long newKeys, long overwrites, long deletes, long expiring, long objects) {
        /** All writes. */
        public long total() {
            return newKeys + overwrites + deletes + expiring + objects;
        }

        /**
         * {@code 1000 writes (400 new keys, 350 overwrites, 150 deletes, 100 expiring)}, and {@code , N
         * object writes} when there were any.
         */
        @Override
        public String toString() {
            return total() + " writes (" + newKeys + " new keys, " + overwrites + " overwrites, " + deletes
                    + " deletes, " + expiring + " expiring" + (objects > 0 ? ", " + objects + " object writes" : "")
                    + ")";
        }
    }

    /** What one {@link #step()} did. */
    public enum Kind {
        NEW_KEY,
        OVERWRITE,
        DELETE,
        EXPIRING,
        /** A write of a Durable Object's storage. */
        OBJECT
    }

    private static final Duration TICK = Duration.ofMillis(10);
    private static final long EXPIRES_AFTER_SECONDS = 3600;
    private static final int OBJECT_SHARE_PERCENT = 20;

    private final CapturedKv kv;
    private final CapturedObjects objects;
    private final List<DurableObjectStore.Namespace> objectNamespaces;
    /** Per object ("namespace id/object id"), the keys the writer put there and has not deleted. */
    private final Map<String, List<Key>> objectKeys = new HashMap<>();

    private final List<Target> targets = new ArrayList<>();
    private final SplittableRandom random;
    private final Clock clock;
    private final Sleeper sleeper;
    private final int perSecond;
    private final Consumer<String> warnings;
    private final long[] counts = new long[Kind.values().length];
    private long made;
    private long nextKey;
    private volatile boolean paused;
    private volatile boolean stopped;
    private Thread thread;

    /** One namespace and the keys the writer believes it holds, for overwrites and deletes. */
    private static final class Target {
        final KvNamespaceState ns;
        final List<Key> keys;

        Target(KvNamespaceState ns) {
            this.ns = ns;
            this.keys = new ArrayList<>(ns.keys());
        }

        Key removeAt(int i) {
            return CaptureWriter.removeAt(keys, i);
        }
    }

    CaptureWriter(
            CapturedKv kv,
            CapturedObjects objects,
            List<KvNamespaceState> namespaces,
            long seed,
            Clock clock,
            Sleeper sleeper,
            int perSecond,
            Consumer<String> warnings) {
        this.kv = Objects.requireNonNull(kv, "kv");
        this.objects = Objects.requireNonNull(objects, "objects");
        // The seeded ones: objects registered later (--external-do) live in workerd, not here.
        this.objectNamespaces = objects.store().namespaces().stream()
                .filter(ns -> !ns.objectIds().isEmpty())
                .toList();
        namespaces.forEach(ns -> targets.add(new Target(ns)));
        if (targets.isEmpty()) {
            throw new IllegalArgumentException("the writer needs a namespace to write into");
        }
        this.random = new SplittableRandom(seed ^ 0x3717E5L);
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.perSecond = perSecond;
        this.warnings = Objects.requireNonNull(warnings, "warnings");
    }

    /** Starts the writer's daemon thread. */
    synchronized void start() {
        if (thread != null) {
            throw new IllegalStateException("the writer has started already");
        }
        thread = new Thread(this::run, "landfall-sandbox-writer");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        Pacer pacer = new Pacer(perSecond, clock.millis());
        boolean wasPaused = false;
        boolean warned = false;
        try {
            while (!stopped) {
                if (paused) {
                    wasPaused = true;
                } else {
                    if (wasPaused) {
                        pacer.restart(clock.millis());
                        wasPaused = false;
                    }
                    for (int n = pacer.due(clock.millis()); n > 0; n--) {
                        if (!stepIfRunning()) {
                            break;
                        }
                    }
                    if (pacer.fellBehind() && !warned) {
                        warned = true;
                        warnings.accept("landfall sandbox: the writer fell behind " + perSecond
                                + " writes/s (the machine is too busy); it skips the backlog and writes as fast as it"
                                + " can");
                    }
                }
                sleeper.sleep(TICK);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // Checked under the lock that pause() takes: once pause() returns, the thread writes nothing.
    private synchronized boolean stepIfRunning() {
        if (paused || stopped) {
            return false;
        }
        step();
        return true;
    }

    /** Makes one write of the mix, now, whether the thread runs or not. */
    public synchronized Kind step() {
        // Drawn only where objects exist, so a sandbox of KV alone writes the same sequence as before.
        if (!objectNamespaces.isEmpty() && random.nextInt(100) < OBJECT_SHARE_PERCENT) {
            writeObject();
            counts[Kind.OBJECT.ordinal()]++;
            made++;
            return Kind.OBJECT;
        }
        Target t = targets.get(random.nextInt(targets.size()));
        int roll = random.nextInt(100);
        Kind kind = roll < 40 ? Kind.NEW_KEY : roll < 75 ? Kind.OVERWRITE : roll < 90 ? Kind.DELETE : Kind.EXPIRING;
        if ((kind == Kind.OVERWRITE || kind == Kind.DELETE) && t.keys.isEmpty()) {
            kind = Kind.NEW_KEY;
        }
        switch (kind) {
            case NEW_KEY -> put(t, newKey(t), null);
            case OVERWRITE -> put(t, t.keys.get(random.nextInt(t.keys.size())), null);
            case DELETE -> kv.delete(t.ns, t.removeAt(random.nextInt(t.keys.size())));
            case EXPIRING -> put(t, newKey(t), clock.instant().getEpochSecond() + EXPIRES_AFTER_SECONDS);
        }
        counts[kind.ordinal()]++;
        made++;
        return kind;
    }

    private void writeObject() {
        DurableObjectStore.Namespace ns = objectNamespaces.get(random.nextInt(objectNamespaces.size()));
        String objectId = ns.objectIds().get(random.nextInt(ns.objectIds().size()));
        List<Key> mine = objectKeys.computeIfAbsent(ns.id() + "/" + objectId, k -> new ArrayList<>());
        int roll = random.nextInt(3);
        if (roll == 0 && !mine.isEmpty()) {
            objects.delete(ns, objectId, removeAt(mine, random.nextInt(mine.size())));
            return;
        }
        Key key;
        if (roll == 1 && !mine.isEmpty()) {
            key = mine.get(random.nextInt(mine.size()));
        } else {
            key = nextLiveKey();
            mine.add(key);
        }
        // Typed JSON, as the export Worker encodes a plain object.
        String value = "{\"writer\":\"landfall-sandbox\",\"n\":" + made + "}";
        objects.put(
                ns,
                objectId,
                new Entry(
                        new DurableObject(ns.id(), objectId), key, value.getBytes(StandardCharsets.UTF_8), null, null));
    }

    private Key newKey(Target t) {
        Key k = nextLiveKey();
        t.keys.add(k);
        return k;
    }

    private Key nextLiveKey() {
        return Key.ofBytes(("live:" + nextKey++).getBytes(StandardCharsets.UTF_8));
    }

    /** Removes the {@code i}-th key by moving the last into its place: order does not matter here. */
    private static Key removeAt(List<Key> keys, int i) {
        Key k = keys.get(i);
        keys.set(i, keys.get(keys.size() - 1));
        keys.remove(keys.size() - 1);
        return k;
    }

    private void put(Target t, Key key, Long expiration) {
        GeneratedValue.Kind valueKind = random.nextBoolean() ? GeneratedValue.Kind.JSON : GeneratedValue.Kind.TEXT;
        GeneratedValue value = new GeneratedValue(random.nextLong(), 16 + random.nextInt(241), valueKind);
        String metadata = random.nextBoolean() ? "{\"writer\":\"landfall-sandbox\",\"n\":" + made + "}" : null;
        kv.put(t.ns, new KvItem(key, value, metadata, expiration));
    }

    /** The rate the writer's thread keeps. */
    public int perSecond() {
        return perSecond;
    }

    /** The writes made so far. */
    public synchronized long writes() {
        return made;
    }

    /** The writes made so far, by kind. */
    public synchronized Mix mix() {
        return new Mix(
                counts[Kind.NEW_KEY.ordinal()],
                counts[Kind.OVERWRITE.ordinal()],
                counts[Kind.DELETE.ordinal()],
                counts[Kind.EXPIRING.ordinal()],
                counts[Kind.OBJECT.ordinal()]);
    }

    /** Stops the thread's writes until {@link #resume()}; a write in progress completes. */
    public synchronized void pause() {
        paused = true;
    }

    /** Writes again at the rate, owing nothing for the pause. */
    public void resume() {
        paused = false;
    }

    /** Whether the thread is paused. */
    public boolean paused() {
        return paused;
    }

    /**
     * Stops the thread for good and waits for it; idempotent.
     *
     * @return the writes made
     */
    public long stop() {
        Thread t;
        synchronized (this) {
            stopped = true;
            t = thread;
        }
        if (t != null && t != Thread.currentThread()) {
            t.interrupt();
            try {
                t.join(Duration.ofSeconds(10).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return writes();
    }
}
