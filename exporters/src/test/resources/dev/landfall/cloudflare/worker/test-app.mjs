// The Worker the export-Worker tests run in workerd: Landfall's router as the default export,
// plus two Durable Object classes (KV-backed and SQLite-backed) wrapped the way an operator
// wraps theirs, and test-only routes under /test/ that seed them and run the codec vectors.
import { exportRouter, withLandfallExport, encode, UnencodableError } from "./worker/index.mjs";
import { vectors, unencodable } from "./vectors.mjs";

/** Every value type the issue lists, stored with storage.put (structured clone). */
function sampleValues() {
  const cycle = { name: "loop" };
  cycle.self = cycle;
  return {
    "v:string": "héllo 😀 \u2028",
    "v:integer": 42,
    "v:float": 42.5,
    "v:nan": NaN,
    "v:negzero": -0,
    "v:infinity": Infinity,
    "v:neginfinity": -Infinity,
    "v:bigint": 12345678901234567890123456789n,
    "v:bool": true,
    "v:null": null,
    "v:nested": { a: 1, nested: { list: [1, "two", null, { deep: [true] }], d: new Date(0) } },
    "v:array": [1, , 3],
    "v:date": new Date("2024-01-02T03:04:05.678Z"),
    "v:map": new Map([["k", 1], [2, { a: 1 }]]),
    "v:set": new Set([1, "two"]),
    "v:arraybuffer": new Uint8Array([0, 1, 2, 255]).buffer,
    "v:uint8array": new Uint8Array([9, 8, 7]),
    "v:float64array": new Float64Array([1.5, -2]),
    "v:bigint64array": new BigInt64Array([-1n]),
    "v:undefined-member": { u: undefined },
    "v:dollar-t": { $t: "Date", v: 1 },
    "x:cycle": cycle,
    "x:array-properties": Object.assign([1, 2], { extra: true }),
  };
}

class TestStore {
  constructor(ctx, env) {
    this.ctx = ctx;
    this.env = env;
  }

  async fetch(request) {
    const url = new URL(request.url);
    if (url.pathname === "/seed") {
      await this.ctx.storage.put(sampleValues());
      return new Response("seeded");
    }
    if (url.pathname === "/seed-bulk") {
      // ?n=ENTRIES: entry:000000.. with small structured values, for paging and benchmarks
      const n = Number(url.searchParams.get("n"));
      for (let start = 0; start < n; start += 128) {
        const batch = {};
        for (let i = start; i < Math.min(n, start + 128); i++) {
          batch[`entry:${String(i).padStart(6, "0")}`] = { i, at: new Date(i * 1000), tags: new Set(["a", i]) };
        }
        await this.ctx.storage.put(batch);
      }
      return new Response("seeded");
    }
    return new Response("the operator's own route", { status: 200 });
  }
}

class TestSqlStore extends TestStore {
  async fetch(request) {
    if (new URL(request.url).pathname === "/seed") {
      const sql = this.ctx.storage.sql;
      sql.exec(`CREATE TABLE IF NOT EXISTS people (id INTEGER PRIMARY KEY, name TEXT NOT NULL, score REAL, photo BLOB)`);
      sql.exec(`CREATE INDEX IF NOT EXISTS people_name ON people (name)`);
      sql.exec(`CREATE TABLE IF NOT EXISTS tags (tag TEXT PRIMARY KEY, n INTEGER) WITHOUT ROWID`);
      sql.exec(`INSERT INTO people VALUES (1, 'Ada', 1.5, NULL), (2, 'Grace ✓', NULL, X'00ff10'), (7, '', -0.25, X'')`);
      sql.exec(`INSERT INTO tags VALUES ('b', 2), ('a', 1), ('c', NULL)`);
    }
    return super.fetch(request);
  }
}

export const KvStore = withLandfallExport(TestStore);
export const SqlStore = withLandfallExport(TestSqlStore);
export class Unwrapped extends TestStore {}

function runVectors() {
  const results = vectors.map(({ name, make }) => {
    let value;
    try {
      value = structuredClone(make());
    } catch (e) {
      return { name, skipped: String(e.message) };
    }
    try {
      return { name, typed: encode(value) };
    } catch (e) {
      return { name, threw: String(e.message) };
    }
  });
  const refused = unencodable.map(({ name, make }) => {
    try {
      return { name, typed: encode(make()) };
    } catch (e) {
      return e instanceof UnencodableError ? { name, reason: e.reason, path: e.path ?? null } : { name, threw: String(e) };
    }
  });
  return Response.json({ results, unencodable: refused });
}

export default {
  async fetch(request, env) {
    const url = new URL(request.url);
    if (url.pathname === "/test/vectors") return runVectors();
    const seed = url.pathname.match(/^\/test\/(seed|seed-bulk)\/([A-Za-z_]+)\/([^/]+)$/);
    if (seed) {
      const namespace = env[seed[2]];
      const id = namespace.idFromName(decodeURIComponent(seed[3]));
      await namespace.get(id).fetch(`https://object/${seed[1]}${url.search}`);
      return Response.json({ id: id.toString() });
    }
    if (url.pathname === "/test/seed-kv") {
      // ?n=KEYS: bulk keys for benchmarks; always the few special ones the tests check
      const n = Number(url.searchParams.get("n") ?? 0);
      for (let i = 0; i < n; i += 50) {
        const batch = [];
        for (let j = i; j < Math.min(n, i + 50); j++) batch.push(env.CACHE.put(`bulk:${String(j).padStart(7, "0")}`, `value ${j}`));
        await Promise.all(batch);
      }
      await env.CACHE.put("text", "héllo", { metadata: { v: 1, tags: ["a"] } });
      await env.CACHE.put("binary", new Uint8Array([0, 1, 2, 255, 254]));
      await env.CACHE.put("expiring", "soon", { expiration: 2000000000 });
      return Response.json({ ok: true });
    }
    if (url.pathname === "/test/put-kv") {
      // ?key=K&value=V&metadata=JSON: metadata reaches KV as an application's put gives it, parsed
      const metadata = url.searchParams.get("metadata");
      const options = metadata === null ? {} : { metadata: JSON.parse(metadata) };
      await env.CACHE.put(url.searchParams.get("key"), url.searchParams.get("value") ?? "", options);
      return Response.json({ ok: true });
    }
    const direct = url.pathname.match(/^\/test\/direct\/([A-Za-z_]+)\/([^/]+)(\/.*)$/);
    if (direct) {
      // Straight to the object, bypassing the router: the wrapper must check the secret itself.
      const namespace = env[direct[1]];
      const stub = namespace.get(namespace.idFromName(decodeURIComponent(direct[2])));
      return stub.fetch(new Request(`https://object${direct[3]}`, request));
    }
    if (url.pathname === "/test/passthrough") {
      const id = env.KV_STORE.idFromName("passthrough");
      return env.KV_STORE.get(id).fetch("https://object/own-route");
    }
    return exportRouter.fetch(request, env);
  },
};
