// One shard of the change log (docs/export-worker-protocol.md §7): a SQLite-backed Durable Object
// that the capturing Workers append dirty keys to and Landfall reads in order and trims. The
// export Worker defines the class; application Workers bind it by script_name.
//
//   export { LandfallChangeLog } from "./landfall/index.mjs";
//
// It answers only Landfall's internal requests (append from withLandfallCapture; read, trim and
// reset from the router, which checked the secret). No request from outside reaches it: a
// Durable Object is reachable only through a binding.
import { capacity } from "./capture-config.mjs";
import { json, limit, readBody } from "./protocol.mjs";

const MAX_CHANGES = 10000;
const DEFAULT_CHANGES = 1000;
const OPS = new Set(["put", "delete", "object"]);

export class LandfallChangeLog {
  constructor(ctx, env) {
    this.storage = ctx.storage;
    this.sql = ctx.storage.sql;
    this.env = env;
    // Runs before any request is delivered; creating the shard gives it its first epoch.
    this.storage.transactionSync(() => {
      this.sql.exec(`CREATE TABLE IF NOT EXISTS _landfall_changes (
        seq INTEGER PRIMARY KEY, binding TEXT NOT NULL, key TEXT NOT NULL, op TEXT NOT NULL,
        time INTEGER NOT NULL, expiration INTEGER, UNIQUE (binding, key))`);
      this.sql.exec(`CREATE TABLE IF NOT EXISTS _landfall_shard (
        one INTEGER PRIMARY KEY CHECK (one = 1), epoch TEXT NOT NULL, since INTEGER NOT NULL,
        head INTEGER NOT NULL, pending INTEGER NOT NULL,
        dropped INTEGER NOT NULL, first_drop INTEGER, last_drop INTEGER)`);
      this.sql.exec(`CREATE TABLE IF NOT EXISTS _landfall_writer_shards (shards INTEGER PRIMARY KEY)`);
      this.sql.exec(
        `INSERT OR IGNORE INTO _landfall_shard VALUES (1, ?, ?, 0, 0, 0, NULL, NULL)`,
        newEpoch(),
        Date.now(),
      );
    });
  }

  async fetch(request) {
    const url = new URL(request.url);
    try {
      const body = await readBody(request);
      const shard = Number(url.searchParams.get("shard"));
      switch (url.pathname) {
        case "/append":
          return this.append(body);
        case "/read":
          return this.read(shard, body);
        case "/trim":
          return this.trim(body);
        case "/reset":
          return this.reset(shard);
        default:
          return json(404, { error: "not found" });
      }
    } catch (e) {
      if (e instanceof Response) return e;
      return json(500, { error: "change log failure", detail: String(e && e.message) });
    }
  }

  state() {
    return this.sql.exec("SELECT * FROM _landfall_shard").one();
  }

  /**
   * Records a dirty key, replacing its pending change (coalescing) under a new seq. A new key
   * of a full shard is dropped and counted instead: the application's write still goes ahead.
   */
  append(change) {
    const { binding, key, op, expiration, shard, shards } = change;
    if (typeof binding !== "string" || typeof key !== "string" || !OPS.has(op)) {
      return json(400, { error: "a change needs binding, key and op (put, delete or object)" });
    }
    if (expiration !== null && !Number.isSafeInteger(expiration)) {
      return json(400, { error: "expiration must be epoch seconds or null" });
    }
    const max = capacity(this.env);
    const now = Date.now();
    const recorded = this.storage.transactionSync(() => {
      if (Number.isSafeInteger(shards)) {
        this.sql.exec("INSERT OR IGNORE INTO _landfall_writer_shards VALUES (?)", shards);
      }
      const s = this.state();
      const replaced = this.sql
        .exec("DELETE FROM _landfall_changes WHERE binding = ? AND key = ? RETURNING seq", binding, key)
        .toArray().length;
      if (replaced === 0 && s.pending >= max) {
        this.sql.exec(
          "UPDATE _landfall_shard SET dropped = dropped + 1, first_drop = coalesce(first_drop, ?), last_drop = ?",
          now,
          now,
        );
        return false;
      }
      const seq = s.head + 1;
      this.sql.exec("INSERT INTO _landfall_changes VALUES (?, ?, ?, ?, ?, ?)", seq, binding, key, op, now, expiration);
      this.sql.exec("UPDATE _landfall_shard SET head = ?, pending = pending + ?", seq, replaced === 0 ? 1 : 0);
      if (replaced === 0) warnIfFilling(shard, s.pending, s.pending + 1, max);
      return true;
    });
    if (!recorded) {
      // Loud on every drop: an overflowed log cannot bring a store up to date.
      console.error(
        `landfall change log shard ${shard} is full (${max} pending changes, ${this.state().dropped} dropped): ` +
          `a change of ${binding} was not recorded. Landfall must drain this log (is the follower running?) ` +
          `and cannot follow it until a new run resets it.`,
      );
    }
    return json(200, { recorded });
  }

  /** The shard's header: what read and reset answer besides the changes. */
  header(shard) {
    const s = this.state();
    const writerShards = this.sql
      .exec("SELECT shards FROM _landfall_writer_shards ORDER BY shards")
      .toArray()
      .map((r) => r.shards);
    return {
      shard,
      epoch: s.epoch,
      since: s.since,
      now: Date.now(),
      head: s.head,
      pending: s.pending,
      capacity: capacity(this.env),
      overflow: s.dropped === 0 ? null : { dropped: s.dropped, first: s.first_drop, last: s.last_drop },
      writerShards,
    };
  }

  read(shard, body) {
    const after = body.after ?? 0;
    if (!Number.isSafeInteger(after) || after < 0) {
      return json(400, { error: "after must be a seq: a whole number, 0 or more" });
    }
    const n = limit(body.limit, DEFAULT_CHANGES, MAX_CHANGES);
    const rows = this.sql
      .exec(
        "SELECT seq, binding, key, op, time, expiration FROM _landfall_changes WHERE seq > ? ORDER BY seq LIMIT ?",
        after,
        n + 1,
      )
      .toArray();
    const changes = rows.slice(0, n);
    const next = rows.length > n ? changes[n - 1].seq : null;
    return json(200, { ...this.header(shard), changes, next });
  }

  trim(body) {
    const { epoch, through } = body;
    if (typeof epoch !== "string" || !Number.isSafeInteger(through) || through < 0) {
      return json(400, { error: "trim needs {\"epoch\": EPOCH, \"through\": SEQ}" });
    }
    return this.storage.transactionSync(() => {
      const s = this.state();
      if (epoch !== s.epoch) return json(409, { error: "epoch mismatch" });
      const trimmed = this.sql.exec("SELECT count(*) AS n FROM _landfall_changes WHERE seq <= ?", through).one().n;
      this.sql.exec("DELETE FROM _landfall_changes WHERE seq <= ?", through);
      this.sql.exec("UPDATE _landfall_shard SET pending = pending - ?", trimmed);
      return json(200, { trimmed, pending: s.pending - trimmed });
    });
  }

  /** A new epoch: pending changes and their seqs stay, overflow and the writers seen go. */
  reset(shard) {
    this.storage.transactionSync(() => {
      this.sql.exec(
        "UPDATE _landfall_shard SET epoch = ?, since = ?, dropped = 0, first_drop = NULL, last_drop = NULL",
        newEpoch(),
        Date.now(),
      );
      this.sql.exec("DELETE FROM _landfall_writer_shards");
    });
    return json(200, this.header(shard));
  }
}

// A log nobody drains fills up and then drops changes, which ends the migration: it says so
// while there is still time, once as it passes half of its capacity and once at nine tenths.
const FILLING = [0.5, 0.9];

function warnIfFilling(shard, before, after, max) {
  for (const share of FILLING) {
    const mark = Math.ceil(max * share);
    if (before < mark && after >= mark) {
      console.warn(
        `landfall change log shard ${shard} holds ${after} of ${max} pending changes: is the follower running ` +
          `(landfall migrate --follow)? When full it drops changes, and the migration must start again.`,
      );
    }
  }
}

function newEpoch() {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}
