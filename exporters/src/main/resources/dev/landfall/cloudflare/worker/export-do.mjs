// The Durable Object side of the export Worker (docs/export-worker-protocol.md). The operator adds
// one line to the module that exports their class:
//
//   export const Room = withLandfallExport(RoomImplementation);
//
// Requests under /landfall/v1/do/ that carry the export secret are answered here; every other
// request reaches the class unchanged. Only the object's own code can read its storage, which
// is why this runs inside the object rather than in the router.
//
// Where the Worker binds the change log (LANDFALL_CHANGES), the wrapper also captures every
// write of the object's storage for live migration (do-capture.mjs). Changes name the class:
// give its name when a bundler renames classes:
//
//   export const Room = withLandfallExport(RoomImplementation, { className: "Room" });
import { ObjectCapture, OUTBOX_KEY, capturing } from "./do-capture.mjs";
import { encode, UnencodableError } from "./typed-json.mjs";
import { PREFIX, PROTOCOL_HEADER, WRAPPER_PROTOCOL, authorized, json, limit, readBody, unauthorized } from "./protocol.mjs";

const MAX_ENTRIES = 10000;
const DEFAULT_ENTRIES = 1000;
const MAX_ROWS = 10000;
const DEFAULT_ROWS = 1000;
// A page stops growing at this many bytes of JSON (a single value may still exceed it).
const PAGE_BYTES = 4 * 1024 * 1024;
// Storage and Landfall's own bookkeeping, not the operator's tables.
const INTERNAL_TABLE = /^(sqlite_|_cf_|__miniflare|_landfall_)/;

export function withLandfallExport(Base, options = {}) {
  const className = options.className ?? Base.name;
  if (typeof className !== "string" || className === "") {
    throw new Error("withLandfallExport: give the class's name: withLandfallExport(Class, { className: \"Room\" })");
  }
  const state = Symbol("landfall-export");
  const Wrapped = class extends Base {
    constructor(ctx, env, ...rest) {
      const storage = ctx.storage;
      const capture = capturing(env) ? new ObjectCapture(ctx, env, className, sqlOf(storage)) : null;
      super(ctx, env, ...rest);
      this[state] = { storage, env, capture };
    }

    async fetch(request) {
      const path = new URL(request.url).pathname;
      if (!path.startsWith(PREFIX + "/do/")) {
        if (typeof super.fetch !== "function") return new Response("not found", { status: 404 });
        return captured(this[state].capture, () => super.fetch(request));
      }
      const { storage, env } = this[state];
      const answer = await exportRequest(request, path, storage, env);
      answer.headers.set(PROTOCOL_HEADER, String(WRAPPER_PROTOCOL));
      return answer;
    }
  };
  if (typeof Base.prototype.alarm === "function") {
    Wrapped.prototype.alarm = function (...args) {
      return captured(this[state].capture, () => Base.prototype.alarm.apply(this, args));
    };
  }
  return Wrapped;
}

/**
 * Runs a handler of the class; with capture on, answers only once the changes of its writes are
 * in the change log (or their sending failed and was logged: the object stays marked).
 */
async function captured(capture, handler) {
  if (capture === null) return handler();
  capture.wake();
  const result = await handler();
  await capture.settled();
  return result;
}

async function exportRequest(request, path, storage, env) {
  // The router checked the secret too; checking again here keeps the operator's own routes,
  // which may forward user requests to this object, from reaching the export.
  if (!(await authorized(request, env))) return unauthorized(request);
  if (request.method !== "POST") return json(405, { error: "use POST" }, { allow: "POST" });
  const op = path.slice(path.lastIndexOf("/") + 1);
  try {
    const body = await readBody(request);
    switch (op) {
      case "entries":
        return await entries(storage, body);
      case "tables":
        return tables(storage);
      case "rows":
        return rows(storage, body);
      default:
        return json(404, { error: "unknown operation" });
    }
  } catch (e) {
    if (e instanceof Response) return e;
    return json(500, { error: "export failed inside the Durable Object", detail: String(e && e.message) });
  }
}

/** One page of storage.list() in key order, after `after` (exclusive). */
async function entries(storage, body) {
  const n = limit(body.limit, DEFAULT_ENTRIES, MAX_ENTRIES);
  if (body.after !== undefined && body.after !== null && typeof body.after !== "string") {
    return json(400, { error: "after must be a string key" });
  }
  // Two more than a page: the one that tells whether more follow, and the capture outbox's key.
  const options = { limit: n + 2 };
  if (typeof body.after === "string") options.startAfter = body.after;
  const listed = await storage.list(options);
  const parts = [];
  let bytes = 0;
  let last = null;
  let more = false;
  for (const [key, value] of listed) {
    if (key === OUTBOX_KEY) continue;
    if (parts.length === n || (parts.length > 0 && bytes >= PAGE_BYTES)) {
      more = true;
      break;
    }
    let part;
    try {
      part = `{"key":${JSON.stringify(key)},"value":${encode(value)}}`;
    } catch (e) {
      if (!(e instanceof UnencodableError)) throw e;
      part = `{"key":${JSON.stringify(key)},"error":${JSON.stringify(e)}}`;
    }
    parts.push(part);
    bytes += part.length;
    last = key;
  }
  const next = more ? JSON.stringify(last) : "null";
  return json(200, `{"entries":[${parts.join(",")}],"next":${next}}`);
}

function sqlOf(storage) {
  try {
    const sql = storage.sql;
    sql.exec("SELECT 1");
    return sql;
  } catch {
    return null; // a KV-backed class: SQL is not enabled
  }
}

/** The schema of a SQLite-backed object: tables, indexes, views and triggers, in name order. */
function tables(storage) {
  const sql = sqlOf(storage);
  if (sql === null) return json(200, { sqlite: false, schema: [] });
  const schema = [];
  for (const row of sql.exec("SELECT type, name, tbl_name, sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY name")) {
    if (INTERNAL_TABLE.test(row.name) || INTERNAL_TABLE.test(row.tbl_name)) continue;
    const item = { type: row.type, name: row.name, table: row.tbl_name, sql: row.sql };
    if (row.type === "table") {
      item.columns = sql.exec(`SELECT * FROM ${quote(row.name)} LIMIT 0`).columnNames;
      item.withoutRowid = /\bWITHOUT\s+ROWID\s*;?\s*$/i.test(row.sql);
    }
    schema.push(item);
  }
  return json(200, { sqlite: true, schema });
}

/**
 * One page of a table's rows. Rowid tables page by rowid (each page is one indexed range);
 * WITHOUT ROWID tables page by offset in primary-key order.
 */
function rows(storage, body) {
  const sql = sqlOf(storage);
  if (sql === null) return json(400, { error: "this Durable Object is not SQLite-backed" });
  const table = body.table;
  const n = limit(body.limit, DEFAULT_ROWS, MAX_ROWS);
  const known = typeof table === "string" && !INTERNAL_TABLE.test(table)
    ? sql.exec("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", table).toArray()
    : [];
  if (known.length === 0) return json(404, { error: "unknown table" });
  const withoutRowid = /\bWITHOUT\s+ROWID\s*;?\s*$/i.test(known[0].sql);
  const after = body.after ?? null;
  if (after !== null && !Number.isSafeInteger(after)) {
    return json(400, { error: "after must be the next value of the previous page" });
  }
  const cursor = withoutRowid
    ? sql.exec(`SELECT * FROM ${quote(table)} LIMIT ? OFFSET ?`, n + 1, after ?? 0)
    : sql.exec(
        `SELECT rowid AS "landfall:rowid", * FROM ${quote(table)} WHERE rowid > ? ORDER BY rowid LIMIT ?`,
        after ?? -9007199254740991,
        n + 1);
  const columns = cursor.columnNames.slice(withoutRowid ? 0 : 1);
  const out = [];
  let next = null;
  let lastRowid = null;
  for (const raw of cursor.raw()) {
    if (out.length === n) {
      next = withoutRowid ? (after ?? 0) + n : lastRowid;
      break;
    }
    const cells = withoutRowid ? raw : raw.slice(1);
    if (!withoutRowid) lastRowid = raw[0];
    out.push("[" + cells.map((c) => encode(c)).join(",") + "]");
  }
  return json(200, `{"columns":${JSON.stringify(columns)},"rows":[${out.join(",")}],"next":${JSON.stringify(next)}}`);
}

function quote(name) {
  return '"' + name.replaceAll('"', '""') + '"';
}
