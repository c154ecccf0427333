// Capture for Durable Objects (docs/export-worker-protocol.md §7.5): withLandfallExport turns it
// on for a class whose Worker binds the change log. The object's storage is handed to the class
// through a wrapper that, with every write (storage.put/delete/deleteAll, transactions, the SQL
// API's writes, the synchronous KV API), marks the object dirty in an outbox inside the object,
// in the same transaction as the write: a write and its mark commit together or not at all. After
// the write, the object sends one change for itself ({binding: "do:CLASS", key: OBJECT_ID, op:
// "object"}) to the change log and clears the mark; a mark that could not be sent stays and is
// sent again with the object's next write or request. Landfall re-reads a changed object whole.
import { changeRecorder } from "./change-recorder.mjs";
import { CHANGES_BINDING, isNamespace } from "./capture-config.mjs";

/** The outbox of a SQLite-backed object: a one-row table beside the operator's. */
export const OUTBOX_TABLE = "_landfall_outbox";
/**
 * The outbox of a KV-backed object: one storage key, hidden from the class's get and list and
 * from the export. It sorts after every key a class is likely to use.
 */
export const OUTBOX_KEY = "\u{10FFFF}landfall:outbox";

/** Whether this Worker's Durable Objects capture their writes: it binds the change log. */
export const capturing = (env) => env !== null && typeof env === "object" && isNamespace(env[CHANGES_BINDING]);

/** The binding name a change of an object of this class carries (no KV binding contains ":"). */
export const objectBinding = (className) => "do:" + className;

// One statement that only reads; anything else, several statements included, is taken as a
// write (a spurious mark costs one re-read of the object, a missed one would lose the write).
const READ_ONLY_SQL = /^\s*(select|explain|values)\b|^\s*pragma\s+[a-z_.]+\s*(\(\s*[^)]*\))?\s*;?\s*$/i;
const readOnly = (query) => typeof query === "string" && READ_ONLY_SQL.test(query) && !/;\s*\S/.test(query);

const nonce = () => Array.from(crypto.getRandomValues(new Uint8Array(8)), (b) => b.toString(16).padStart(2, "0")).join("");

export class ObjectCapture {
  /** @param sql the object's SQL API, or null for a KV-backed object */
  constructor(ctx, env, className, sql) {
    this.real = ctx.storage;
    this.objectId = ctx.id.toString();
    this.className = className;
    this.binding = objectBinding(className);
    this.send = changeRecorder(env, `withLandfallExport(${className})`);
    this.outbox = sql === null ? new KeyOutbox(this.real) : new SqlOutbox(sql);
    this.isolate = nonce();
    this.marks = 0;
    this.sending = null;
    this.again = false;
    this.woken = false;
    this.storage = capturingStorage(this, sql);
    // The class gets the runtime's own ctx (DurableObject's constructor accepts no other), with
    // storage shadowed by the capturing one.
    Object.defineProperty(ctx, "storage", { value: this.storage, configurable: true, enumerable: true });
  }

  /** Marks the object dirty in the transaction `within` (a transaction object, or the storage). */
  mark(within) {
    this.outbox.mark(within ?? this.real, `${this.isolate}:${++this.marks}`);
  }

  /** A write was made: mark it and send the change once it has committed. */
  written() {
    this.mark();
    this.schedule();
  }

  /**
   * Sends the change of a mark left by an earlier isolate or a failed send: at the first request
   * an isolate serves, and at the first after a failed send.
   */
  wake() {
    if (this.woken) return;
    this.woken = true;
    this.schedule();
  }

  schedule() {
    if (this.sending !== null) {
      this.again = true;
      return;
    }
    this.sending = this.drain().finally(() => {
      this.sending = null;
    });
  }

  /** Resolves when every mark made so far was sent or failed to be (the failure is logged). */
  async settled() {
    while (this.sending !== null) await this.sending;
  }

  async drain() {
    try {
      await this.sendMarks();
    } catch (e) {
      console.error(`landfall: object ${this.objectId} of ${this.className}: capture failed (${e.message})`);
      this.woken = false;
    }
  }

  async sendMarks() {
    do {
      this.again = false;
      // A storage read first: the marks of this turn commit before anything leaves the object (the
      // output gate holds the append until then), so the change never arrives ahead of its write.
      const token = await this.outbox.pending();
      // Nothing marked yet; a write made meanwhile set `again`.
      if (token === null) continue;
      try {
        await this.record();
      } catch (e) {
        console.error(
          `landfall: object ${this.objectId} of ${this.className} could not record its change ` +
            `(${e.message}); it stays marked and is sent again with its next write or request`,
        );
        this.woken = false; // the next request tries again
        return;
      }
      await this.outbox.clear(token);
    } while (this.again);
  }

  record() {
    return this.send(this.binding, this.objectId, "object", null);
  }

  /**
   * deleteAll erases the outbox with everything else, so its change is recorded before it (a
   * failure leaves storage untouched) and marked again after it.
   */
  async deleteAll(options) {
    await this.record();
    this.outbox.erased();
    const result = await this.real.deleteAll(options);
    this.written();
    return result;
  }
}

function bound(target, prop) {
  const value = Reflect.get(target, prop);
  return typeof value === "function" ? value.bind(target) : value;
}

/** The outbox of a SQLite-backed object: a row written by the same implicit transaction. */
class SqlOutbox {
  constructor(sql) {
    this.sql = sql;
    this.ready = false;
  }

  mark(_within, token) {
    if (!this.ready) {
      this.sql.exec(`CREATE TABLE IF NOT EXISTS ${OUTBOX_TABLE} (one INTEGER PRIMARY KEY CHECK (one = 1), token TEXT NOT NULL)`);
      this.ready = true;
    }
    this.sql.exec(`INSERT OR REPLACE INTO ${OUTBOX_TABLE} VALUES (1, ?)`, token);
  }

  async pending() {
    // Whether the table exists is asked once an isolate (and after deleteAll), not at every write.
    if (!this.ready) {
      const exists = this.sql.exec("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", OUTBOX_TABLE).toArray();
      if (exists.length === 0) return null;
      this.ready = true;
    }
    const rows = this.sql.exec(`SELECT token FROM ${OUTBOX_TABLE}`).toArray();
    return rows.length === 0 ? null : rows[0].token;
  }

  async clear(token) {
    // Not ready: deleteAll erased the table since pending() saw the token.
    if (this.ready) this.sql.exec(`DELETE FROM ${OUTBOX_TABLE} WHERE token = ?`, token);
  }

  erased() {
    this.ready = false;
  }
}

/** The outbox of a KV-backed object: a key put without an await beside the write, so coalesced with it. */
class KeyOutbox {
  constructor(storage) {
    this.storage = storage;
  }

  mark(within, token) {
    // Not awaited: the write it rides with reports any failure, and both fail together.
    within.put(OUTBOX_KEY, token).catch(() => {});
  }

  async pending() {
    const token = await this.storage.get(OUTBOX_KEY);
    return token === undefined ? null : token;
  }

  async clear(token) {
    // No other event runs while only storage is awaited, so nothing marks between the read and the delete.
    if ((await this.storage.get(OUTBOX_KEY)) === token) await this.storage.delete(OUTBOX_KEY);
  }

  erased() {}
}

/** The storage the class sees: writes marked, the outbox key hidden. */
function capturingStorage(capture, sql) {
  const real = capture.real;
  const hidesKey = sql === null;
  const overrides = {
    put: (...args) => written(capture, real.put(...args)),
    delete: (...args) => written(capture, real.delete(...args)),
    deleteAll: (...args) => capture.deleteAll(...args),
    get: hidesKey ? (keys, options) => hiddenGet(real, keys, options) : undefined,
    list: hidesKey ? (options) => hiddenList(real, options) : undefined,
    transaction: (closure) => {
      const result = real.transaction((txn) => closure(capturingTransaction(capture, txn, hidesKey)));
      return result.then((value) => {
        capture.schedule();
        return value;
      });
    },
  };
  const capturedSql = sql === null ? null : capturingSql(capture, sql);
  const capturedKv = real.kv ? capturingSyncKv(capture, real.kv) : null;
  return new Proxy(real, {
    get(target, prop) {
      if (prop === "sql" && capturedSql !== null) return capturedSql;
      if (prop === "kv" && capturedKv !== null) return capturedKv;
      const override = overrides[prop];
      return override !== undefined ? override : bound(target, prop);
    },
  });
}

/** Marks the write just issued (its promise is `result`) and hands its result back. */
function written(capture, result) {
  capture.written();
  return result;
}

function capturingTransaction(capture, txn, hidesKey) {
  const overrides = {
    put: (...args) => {
      const result = txn.put(...args);
      capture.mark(txn);
      return result;
    },
    delete: (...args) => {
      const result = txn.delete(...args);
      capture.mark(txn);
      return result;
    },
    get: hidesKey ? (keys, options) => hiddenGet(txn, keys, options) : undefined,
    list: hidesKey ? (options) => hiddenList(txn, options) : undefined,
  };
  return new Proxy(txn, {
    get: (target, prop) => overrides[prop] ?? bound(target, prop),
  });
}

function capturingSql(capture, sql) {
  return new Proxy(sql, {
    get(target, prop) {
      if (prop !== "exec") return bound(target, prop);
      return (query, ...bindings) => {
        if (readOnly(query)) return target.exec(query, ...bindings);
        return written(capture, target.exec(query, ...bindings));
      };
    },
  });
}

function capturingSyncKv(capture, kv) {
  return new Proxy(kv, {
    get(target, prop) {
      if (prop === "put" || prop === "delete") {
        return (...args) => written(capture, target[prop](...args));
      }
      return bound(target, prop);
    },
  });
}

async function hiddenGet(storage, keys, options) {
  if (!Array.isArray(keys)) return keys === OUTBOX_KEY ? undefined : storage.get(keys, options);
  const found = await storage.get(keys, options);
  found.delete(OUTBOX_KEY);
  return found;
}

async function hiddenList(storage, options) {
  const limit = options?.limit;
  const asked = Number.isSafeInteger(limit) ? { ...options, limit: limit + 1 } : options;
  const listed = await storage.list(asked);
  if (!listed.delete(OUTBOX_KEY) && Number.isSafeInteger(limit) && listed.size > limit) {
    // The extra entry was not the outbox: drop it to honour the limit.
    const last = Array.from(listed.keys()).pop();
    listed.delete(last);
  }
  return listed;
}
