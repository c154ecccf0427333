package dev.landfall.cloudflare.capture;

import dev.landfall.cloudflare.durable.DurableObjectSource;
import dev.landfall.cloudflare.kv.KvWorkerSource;
import dev.landfall.cloudflare.worker.ExportWorkerClient;
import dev.landfall.core.error.LandfallException;
import dev.landfall.core.live.CaptureInfo;
import dev.landfall.core.live.Change;
import dev.landfall.core.live.ChangeLog;
import dev.landfall.core.live.ChangePage;
import dev.landfall.core.live.ShardState;
import dev.landfall.core.model.DurableObject;
import dev.landfall.core.model.Entry;
import dev.landfall.core.model.KvNamespace;
import dev.landfall.core.model.Scope;
import dev.landfall.core.spi.Checkpoint;
import dev.landfall.core.spi.Cursor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The export Worker's change log, for a run that reads through the same Worker. A KV change names
 * the binding the application wrote through: a namespace this run reads has it as its scope; a
 * namespace of the account the run does not read is skipped; a binding that names no namespace of
 * the account stops the follower, because its writes would otherwise be lost unseen. A Durable
 * Object change ({@code do:CLASS}, the object's id) names an object of a class the same way.
 */
public final class WorkerChangeLog implements ChangeLog {
    /** The binding prefix of a Durable Object's change (do-capture.mjs). */
    public static final String OBJECT_PREFIX = "do:";

    private final ExportWorkerClient worker;
    private final KvWorkerSource kv;
    private final DurableObjectSource objects;
    private final CaptureCoverage coverage;

    /**
     * @param worker the log's client, owned (closed with this log)
     * @param kv the run's KV source, not owned; null when the run reads no KV
     * @param objects the run's Durable Object source, not owned; null when it reads none
     * @param coverage reads which scripts write without capture
     */
    public WorkerChangeLog(
            ExportWorkerClient worker, KvWorkerSource kv, DurableObjectSource objects, CaptureCoverage coverage) {
        this.worker = Objects.requireNonNull(worker, "worker");
        this.kv = kv;
        this.objects = objects;
        this.coverage = Objects.requireNonNull(coverage, "coverage");
        if (kv == null && objects == null) {
            throw new IllegalArgumentException("a change log needs the run's KV or Durable Object source");
        }
    }

    @Override
    public List<String> uncapturedWriters() throws IOException {
        Set<String> ids = new HashSet<>();
        if (kv != null) {
            for (KvNamespace ns : kv.scopesByTitle().values()) {
                if (ns != null) {
                    ids.add(ns.namespaceId());
                }
            }
        }
        Set<String> scripts = objects == null ? Set.of() : Set.copyOf(objects.definingScripts());
        return coverage.uncaptured(ids, scripts);
    }

    @Override
    public String describe() {
        return "the change log of the export Worker at " + worker.describe();
    }

    @Override
    public CaptureInfo info() throws IOException {
        return worker.captureInfo();
    }

    @Override
    public ChangePage read(int shard, long after, int limit) throws IOException {
        Map<String, KvNamespace> titles = kv == null ? Map.of() : kv.scopesByTitle();
        try {
            return worker.changes(shard, after, limit, (binding, key) -> {
                if (binding.startsWith(OBJECT_PREFIX)) {
                    return objectScope(binding.substring(OBJECT_PREFIX.length()), key);
                }
                if (kv == null) {
                    return null; // the run copies no KV
                }
                if (!titles.containsKey(binding)) {
                    throw LandfallException.usage(
                            "a captured Worker writes through the KV binding " + binding
                                    + ", which names no KV namespace of the account (namespaces are matched by title)",
                            "bind the namespace under its title in the captured Worker, or pass its title to"
                                    + " withLandfallCapture(env, {" + binding
                                    + ": \"TITLE\"}) (docs/live-migration.md)");
                }
                return titles.get(binding);
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private Scope objectScope(String className, String objectId) {
        if (objects == null) {
            return null; // the run copies no Durable Objects
        }
        try {
            return objects.objectOf(className, objectId);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public long trim(int shard, String epoch, long through) throws IOException {
        return worker.trimChanges(shard, epoch, through);
    }

    @Override
    public ShardState reset(int shard) throws IOException {
        return worker.resetChanges(shard);
    }

    @Override
    public List<Optional<Entry>> current(Scope scope, List<Change> changes) throws IOException {
        if (!(scope instanceof KvNamespace ns) || kv == null) {
            throw new IllegalArgumentException("KV changes are re-read by key; " + scope + " is not a KV namespace");
        }
        return kv.current(ns, changes);
    }

    @Override
    public List<Scope> objectScopes(Change change) throws IOException {
        if (!(change.scope() instanceof DurableObject object) || objects == null) {
            throw new IllegalArgumentException("not a change of a copied Durable Object: " + change);
        }
        return objects.scopesOf(object);
    }

    @Override
    public Cursor<Entry> entries(Scope scope) throws IOException {
        if (!(scope instanceof DurableObject) || objects == null) {
            throw new IllegalArgumentException("objects are re-read whole; " + scope + " is not a Durable Object");
        }
        return objects.entries(scope, Checkpoint.START);
    }

    @Override
    public void close() {
        worker.close();
    }
}
