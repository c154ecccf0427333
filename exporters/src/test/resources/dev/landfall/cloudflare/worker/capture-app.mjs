// The Worker the change-log tests run in workerd: Landfall's router and change log (as the export
// Worker has them), plus an application under /app/ that writes KV through withLandfallCapture,
// the one line an operator adds. Both live in one script here; deployed, they are two Workers and
// the application binds LANDFALL_CHANGES by script_name.
import { exportRouter, withLandfallCapture, LandfallChangeLog } from "./worker/index.mjs";

export { LandfallChangeLog };

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
