// The Worker the change-log tests run in workerd: Landfall's router and change log (as the export
// Worker has them), plus an application under /app/ that writes KV through withLandfallCapture,
// the one line an operator adds. Both live in one script here; deployed, they are two Workers and
// the application binds LANDFALL_CHANGES by script_name.
import { DurableObject } from "cloudflare:workers";
import { exportRouter, withLandfallCapture, withLandfallExport, LandfallChangeLog } from "./worker/index.mjs";

export { LandfallChangeLog };

// Two Durable Object classes whose writes are captured by withLandfallExport (the Worker binds
// LANDFALL_CHANGES): Notes is SQLite-backed and extends DurableObject, with storage and a SQL
// table; Counters is KV-backed and a plain class. Both answer the same storage routes.
async function storageRoute(storage, url) {
  const q = url.searchParams;
  const key = q.get("key");
  switch (url.pathname) {
    case "/put":
      await storage.put(key, { v: q.get("value"), n: Number(q.get("n") ?? 0) });
      return Response.json({ ok: true });
    case "/put-unawaited":
      // Two writes with no await between: they and their mark commit together.
      storage.put(key, q.get("value"));
      storage.put(key + ":twin", q.get("value"));
      return Response.json({ ok: true });
    case "/delete":
      await storage.delete(key);
      return Response.json({ ok: true });
    case "/delete-all":
      await storage.deleteAll();
      return Response.json({ ok: true });
    case "/txn":
      await storage.transaction(async (txn) => {
        await txn.put(key, q.get("value"));
        await txn.delete(key + ":twin");
      });
      return Response.json({ ok: true });
    case "/list": {
      const listed = await storage.list(q.has("limit") ? { limit: Number(q.get("limit")) } : {});
      return Response.json({ keys: Array.from(listed.keys()), got: (await storage.get([key ?? "x"])).size });
    }
    default:
      return null;
  }
}

async function dumpStorage(storage) {
  return Array.from(await storage.list(), ([key, value]) => ({ key, value }));
}

export const Notes = withLandfallExport(
  class Notes extends DurableObject {
    constructor(ctx, env) {
      super(ctx, env);
      ctx.blockConcurrencyWhile(async () => {
        this.ctx.storage.sql.exec("CREATE TABLE IF NOT EXISTS notes (id TEXT PRIMARY KEY, body TEXT NOT NULL, n INTEGER)");
      });
    }

    async fetch(request) {
      const url = new URL(request.url);
      const q = url.searchParams;
      const sql = this.ctx.storage.sql;
      if (url.pathname === "/delete-all") {
        // deleteAll drops the tables too: the class makes its own again.
        await this.ctx.storage.deleteAll();
        sql.exec("CREATE TABLE IF NOT EXISTS notes (id TEXT PRIMARY KEY, body TEXT NOT NULL, n INTEGER)");
        return Response.json({ ok: true });
      }
      const answer = await storageRoute(this.ctx.storage, url);
      if (answer !== null) return answer;
      switch (url.pathname) {
        case "/sql-upsert":
          sql.exec(
            "INSERT INTO notes (id, body, n) VALUES (?, ?, ?) ON CONFLICT (id) DO UPDATE SET body = excluded.body, n = excluded.n",
            q.get("id"),
            q.get("value"),
            Number(q.get("n") ?? 0),
          );
          return Response.json({ ok: true });
        case "/sql-delete":
          sql.exec("DELETE FROM notes WHERE id = ?", q.get("id"));
          return Response.json({ ok: true });
        case "/dump":
          return Response.json({
            storage: await dumpStorage(this.ctx.storage),
            rows: sql.exec("SELECT id, body, n FROM notes ORDER BY id").raw().toArray(),
          });
        default:
          return new Response("no such object route", { status: 404 });
      }
    }
  },
);

export const Counters = withLandfallExport(
  class Counters {
    constructor(ctx) {
      this.storage = ctx.storage;
    }

    async fetch(request) {
      const url = new URL(request.url);
      const answer = await storageRoute(this.storage, url);
      if (answer !== null) return answer;
      if (url.pathname === "/dump") return Response.json({ storage: await dumpStorage(this.storage), rows: [] });
      return new Response("no such object route", { status: 404 });
    }
  },
);

// Flaky is a SQLite-backed class whose change log can be taken down (/log-down, /log-up): its
// writes must still be made, stay marked in the outbox, and be recorded once the log is back.
let logDown = false;

function switchableLog(log) {
  return {
    idFromName: (name) => log.idFromName(name),
    idFromString: (id) => log.idFromString(id),
    get(id) {
      const stub = log.get(id);
      return {
        fetch: (...args) =>
          logDown ? Promise.resolve(new Response("the log is down", { status: 503 })) : stub.fetch(...args),
      };
    },
  };
}

const FlakyWrapped = withLandfallExport(
  class Flaky {
    constructor(ctx) {
      this.storage = ctx.storage;
    }

    async fetch(request) {
      const url = new URL(request.url);
      if (url.pathname === "/log-down" || url.pathname === "/log-up") {
        logDown = url.pathname === "/log-down";
        return Response.json({ logDown });
      }
      if (url.pathname === "/set-alarm") {
        // The alarm handler writes; withLandfallExport wraps alarm() as it wraps fetch().
        await this.storage.setAlarm(Date.now() + 50);
        return Response.json({ ok: true });
      }
      if (url.pathname === "/outbox") {
        const exists = this.storage.sql.exec("SELECT name FROM sqlite_master WHERE name = '_landfall_outbox'").toArray();
        const rows = exists.length === 0 ? [] : this.storage.sql.exec("SELECT token FROM _landfall_outbox").toArray();
        return Response.json({ marked: rows.length });
      }
      const answer = await storageRoute(this.storage, url);
      return answer ?? new Response("no such object route", { status: 404 });
    }

    async alarm() {
      await this.storage.put("by-alarm", Date.now());
    }
  },
  { className: "Flaky" },
);

export class Flaky extends FlakyWrapped {
  constructor(ctx, env) {
    super(ctx, { ...env, LANDFALL_CHANGES: switchableLog(env.LANDFALL_CHANGES) });
  }
}

const DO_BINDINGS = { Notes: "NOTES", Counters: "COUNTERS", Flaky: "FLAKY" };

async function objectRoute(url, env) {
  const q = url.searchParams;
  const namespace = env[DO_BINDINGS[q.get("class")]];
  if (namespace === undefined) return new Response("class must be Notes, Counters or Flaky", { status: 400 });
  if (url.pathname === "/app/do-ids") {
    return Response.json(q.get("names").split(",").map((n) => namespace.idFromName(n).toString()));
  }
  const stub = namespace.get(namespace.idFromName(q.get("object")));
  const inner = new URL("https://object" + url.pathname.slice("/app/do".length) + url.search);
  return stub.fetch(inner, { method: "POST" });
}

// Writers configured with another shard count (?shards=N): one env object each, as a separately
// deployed Worker would have.
const otherWriters = new Map();

function writerEnv(env, shards) {
  if (shards === null) return env;
  if (!otherWriters.has(shards)) otherWriters.set(shards, { ...env, LANDFALL_CAPTURE_SHARDS: shards });
  return otherWriters.get(shards);
}

async function app(url, env) {
  const q = url.searchParams;
  if (url.pathname.startsWith("/app/do/") || url.pathname === "/app/do-ids") return objectRoute(url, env);
  if (url.pathname === "/app/unbound") {
    // A Worker that wraps without the binding must fail loudly, at once.
    const { LANDFALL_CHANGES, ...unbound } = env;
    try {
      withLandfallCapture(unbound);
      return Response.json({ threw: null });
    } catch (e) {
      return Response.json({ threw: String(e.message) });
    }
  }
  if (url.pathname === "/app/broken-log") {
    // A change log that fails: the put must throw and leave KV untouched.
    const failing = {
      idFromName: (name) => name,
      idFromString: (id) => id,
      get: () => ({ fetch: async () => new Response("the log is down", { status: 503 }) }),
    };
    await withLandfallCapture({ ...env, LANDFALL_CHANGES: failing }).CACHE.put(q.get("key"), "must not be written");
    return Response.json({ written: true });
  }
  const names = q.has("as") ? { [q.get("binding") ?? "CACHE"]: q.get("as") } : undefined;
  if (url.pathname === "/app/bad-names") {
    try {
      withLandfallCapture(env, { NOT_A_BINDING: "x" });
      return Response.json({ threw: null });
    } catch (e) {
      return Response.json({ threw: String(e.message) });
    }
  }
  if (url.pathname === "/app/dump") {
    // An independent read of a namespace, straight from the binding (not through the capture
    // wrapper or Landfall's routes): every key with its expiration, metadata and text value.
    const kv = env[q.get("binding") ?? "CACHE"];
    const out = [];
    let cursor;
    do {
      const page = await kv.list(cursor ? { cursor } : {});
      for (const k of page.keys) {
        const { value, metadata } = await kv.getWithMetadata(k.name);
        if (value !== null) out.push({ name: k.name, expiration: k.expiration ?? null, metadata: metadata ?? null, value });
      }
      cursor = page.list_complete ? undefined : page.cursor;
    } while (cursor);
    return Response.json(out);
  }
  const captured = withLandfallCapture(writerEnv(env, q.get("shards")), names);
  if (
    withLandfallCapture(env) !== withLandfallCapture(env) ||
    withLandfallCapture(captured) !== captured ||
    withLandfallCapture(env, names) !== withLandfallCapture(env, names)
  ) {
    return new Response("wrapping is not cached", { status: 500 });
  }
  const kv = captured[q.get("binding") ?? "CACHE"];
  const key = q.get("key");
  switch (url.pathname) {
    case "/app/put": {
      const options = {};
      if (q.has("ttl")) options.expirationTtl = Number(q.get("ttl"));
      if (q.has("expiration")) options.expiration = Number(q.get("expiration"));
      if (q.has("metadata")) options.metadata = JSON.parse(q.get("metadata"));
      await kv.put(key, q.get("value") ?? "", options);
      return Response.json({ ok: true, at: Date.now() });
    }
    case "/app/delete":
      await kv.delete(key);
      return Response.json({ ok: true, at: Date.now() });
    case "/app/get": {
      const { value, metadata } = await kv.getWithMetadata(key);
      const listed = await kv.list({ prefix: key });
      return Response.json({ value, metadata, text: await kv.get(key), listed: listed.keys.map((k) => k.name) });
    }
    default:
      return new Response("no such app route", { status: 404 });
  }
}

export default {
  async fetch(request, env) {
    const url = new URL(request.url);
    if (url.pathname.startsWith("/app/")) {
      try {
        return await app(url, env);
      } catch (e) {
        return new Response(String(e.message), { status: 500 });
      }
    }
    return exportRouter.fetch(request, env);
  },
};
