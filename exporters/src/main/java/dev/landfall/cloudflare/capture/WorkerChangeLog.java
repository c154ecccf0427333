package dev.landfall.cloudflare.capture;

import dev.landfall.cloudflare.kv.KvWorkerSource;
import dev.landfall.cloudflare.worker.ExportWorkerClient;
import dev.landfall.core.error.LandfallException;
import dev.landfall.core.live.CaptureInfo;
import dev.landfall.core.live.Change;
import dev.landfall.core.live.ChangeLog;
import dev.landfall.core.live.ChangePage;
import dev.landfall.core.live.ShardState;
import dev.landfall.core.model.Entry;
import dev.landfall.core.model.KvNamespace;
import dev.landfall.core.model.Scope;
import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The export Worker's change log, for a run that reads Workers KV through the same Worker. A change
 * names the binding the application wrote through: a namespace this run reads has it as its
 * scope; a namespace of the account the run does not read is skipped; a binding that names no
 * namespace of the account stops the follower, because its writes would otherwise be lost unseen.
 */
public final class WorkerChangeLog implements ChangeLog {
    private final ExportWorkerClient worker;
    private final KvWorkerSource kv;
    private final CaptureCoverage coverage;

    /**
     * @param worker the log's client, owned (closed with this log)
     * @param kv the run's KV source, not owned
     * @param coverage reads which scripts write without capture
     */
    public WorkerChangeLog(ExportWorkerClient worker, KvWorkerSource kv, CaptureCoverage coverage) {
        this.worker = Objects.requireNonNull(worker, "worker");
        this.kv = Objects.requireNonNull(kv, "kv");
        this.coverage = Objects.requireNonNull(coverage, "coverage");
    }

    @Override
    public List<String> uncapturedWriters() throws IOException {
        Set<String> ids = new HashSet<>();
        for (KvNamespace ns : kv.scopesByTitle().values()) {
            if (ns != null) {
                ids.add(ns.namespaceId());
            }
        }
        return coverage.uncaptured(ids);
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
        Map<String, KvNamespace> titles = kv.scopesByTitle();
        return worker.changes(shard, after, limit, binding -> {
            if (!titles.containsKey(binding)) {
                throw LandfallException.usage(
                        "a captured Worker writes through the KV binding " + binding
                                + ", which names no KV namespace of the account (namespaces are matched by title)",
                        "bind the namespace under its title in the captured Worker, or pass its title to"
                                + " withLandfallCapture(env, {" + binding + ": \"TITLE\"}) (docs/live-migration.md)");
            }
            return titles.get(binding);
        });
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
        if (!(scope instanceof KvNamespace ns)) {
            throw new IllegalArgumentException("the export Worker's change log holds KV changes, not " + scope);
        }
        return kv.current(ns, changes);
    }

    @Override
    public void close() {
        worker.close();
    }
}
