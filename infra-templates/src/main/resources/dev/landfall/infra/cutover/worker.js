// Landfall cutover Worker (edge split), protocol version 1.
//
// Deployed on the old service's routes, in front of the old Worker (bound as the service binding
// OLD). It sends a sticky share of requests to the new backend behind Global Accelerator and the
// rest to the old Worker. The share lives in the KV namespace DIAL under the key
// "landfall-cutover" as JSON {"version":1,"percent":P,"shadow":S}, which `landfall cutover` sets
// through the Cloudflare API:
//   P  0-100: the share of stickiness buckets answered by the new backend;
//   S  0-100: the share of the remaining requests also sent to the new backend in the background
//      (shadow mode); their answers are dropped, so shadowing never changes a response.
// A missing or unreadable key means 0/0: everything stays on the old Worker.
//
// The read split (live migration, docs/cutover.md "Read split and the write gate"): with
// "split": true in the dial, P and S move reads only. A write (a method in LANDFALL_WRITE_METHODS,
// default POST,PUT,PATCH,DELETE, or a path starting with one of LANDFALL_WRITE_PATHS) follows the
// dial's "writes": absent or "old" to the old Worker, "new" to the new backend, "gate" to whatever
// the Durable Object LANDFALL_WRITE_GATE says ("old", "new", or "frozen": 503 with Retry-After).
// Writes are never shadowed. Without "split" the dial moves every request, as it always has.
//
// Landfall steers the gate through /__landfall/write-gate (GET, or POST {"state":...}) with
// `Authorization: Bearer <LANDFALL_CUTOVER_SECRET>`; nothing under /__landfall/ is ever forwarded.
//
// Stickiness: the same value of LANDFALL_STICKY (default "header:authorization"; also
// "header:NAME", "query:NAME", "cookie:NAME", "ip") always lands in the same of 10,000 buckets,
// so a client stays on one side while the dial holds and only moves forward as it rises.
// Requests without that value fall back to the client IP.

import { DurableObject } from "cloudflare:workers";

const DIAL_KEY = "landfall-cutover";
const BUCKETS = 10000;
const CONTROL_PREFIX = "/__landfall/";
const GATE_PATH = "/__landfall/write-gate";
const GATE_NAME = "gate";
const SECRET_BINDING = "LANDFALL_CUTOVER_SECRET";
const MIN_SECRET_LENGTH = 32;
const DEFAULT_WRITE_METHODS = "POST,PUT,PATCH,DELETE";
const DEFAULT_RETRY_AFTER = "5";
// Which gate states may follow which. frozen -> new is the switch, frozen -> old the abort,
// new -> frozen the way back after a switch; old <-> new directly would skip the freeze.
const NEXT_STATES = { old: ["frozen"], frozen: ["old", "new"], new: ["frozen"] };
const GATE_STATES = Object.keys(NEXT_STATES);

const encoder = new TextEncoder();

export default {
  async fetch(request, env, ctx) {
    const url = new URL(request.url);
    if (url.pathname.startsWith(CONTROL_PREFIX)) return control(request, env, url);
    const dial = await readDial(env);
    if (dial.split && isWrite(request, url, env)) return routeWrite(request, env, dial.writes);
    const bucket = bucketOf(stickyValue(request, env.LANDFALL_STICKY || "header:authorization"));
    if (bucket < Math.round(dial.percent * 100)) {
      return fetch(toNewBackend(request, env));
    }
    if (dial.shadow > 0 && shadowBucket(bucket) < Math.round(dial.shadow * 100)) {
      const copy = request.clone();
      ctx.waitUntil(fetch(toNewBackend(copy, env)).then(drain, () => undefined));
    }
    return toOld(request, env);
  },
};

/**
 * The write gate: one instance (idFromName("gate")) holding "old", "frozen" or "new". A Durable
 * Object because the freeze must hold everywhere at once, which KV (up to 60 s to propagate) cannot
 * promise; and one object runs one request at a time, so changes are serialized by construction.
 */
export class LandfallWriteGate extends DurableObject {
  constructor(ctx, env) {
    super(ctx, env);
    ctx.blockConcurrencyWhile(async () => {
      this.gate = (await ctx.storage.get(GATE_NAME)) ?? null;
    });
  }

  /** {state, since, changedAt}: since when the state holds, when Landfall last set it (or null). */
  async current() {
    if (this.gate === null) {
      this.gate = { state: "old", since: Date.now(), changedAt: null };
      await this.ctx.storage.put(GATE_NAME, this.gate);
    }
    return this.gate;
  }

  /** Moves to `state` if allowed: {ok: true, gate} or {ok: false, gate} with the unchanged gate. */
  async change(state) {
    const from = await this.current();
    const now = Date.now();
    if (from.state !== state && !NEXT_STATES[from.state].includes(state)) return { ok: false, gate: from };
    const to = { state, since: from.state === state ? from.since : now, changedAt: now };
    // In memory first, so a write asking meanwhile already sees it; the output gate holds every
    // answer (this one and theirs) until the put is durable.
    this.gate = to;
    await this.ctx.storage.put(GATE_NAME, to);
    return { ok: true, gate: to };
  }
}

function isWrite(request, url, env) {
  if (listOf(env.LANDFALL_WRITE_METHODS ?? DEFAULT_WRITE_METHODS).includes(request.method)) return true;
  return listOf(env.LANDFALL_WRITE_PATHS ?? "").some((prefix) => url.pathname.startsWith(prefix));
}

function listOf(value) {
  return String(value)
    .split(",")
    .map((item) => item.trim())
    .filter((item) => item !== "");
}

async function routeWrite(request, env, writes) {
  if (writes === "new") return fetch(toNewBackend(request, env));
  if (writes !== "gate") return toOld(request, env);
  if (!env.LANDFALL_WRITE_GATE) {
    // Nothing can have moved a gate that is not bound, so it still stands at "old".
    console.error("landfall cutover: the dial says writes:gate but LANDFALL_WRITE_GATE is not bound");
    return toOld(request, env);
  }
  let gate;
  try {
    gate = await gateStub(env).current();
  } catch (e) {
    // Unsure where writes belong: refusing one is recoverable, sending it to the wrong side is not.
    console.error("landfall cutover: the write gate cannot be reached", String(e));
    return retryLater(env, "the write gate cannot be reached");
  }
  if (gate.state === "new") return fetch(toNewBackend(request, env));
  if (gate.state === "frozen") return retryLater(env, "writes are frozen for a migration switch");
  return toOld(request, env);
}

function retryLater(env, message) {
  const seconds = /^[0-9]+$/.test(String(env.LANDFALL_WRITE_RETRY_AFTER ?? ""))
    ? String(env.LANDFALL_WRITE_RETRY_AFTER)
    : DEFAULT_RETRY_AFTER;
  return json(503, { error: message }, { "retry-after": seconds });
}

function gateStub(env) {
  return env.LANDFALL_WRITE_GATE.get(env.LANDFALL_WRITE_GATE.idFromName(GATE_NAME));
}

async function control(request, env, url) {
  if (!(await authorized(request, env))) {
    await discardBody(request);
    return json(401, { error: "unauthorized" }, { "www-authenticate": 'Bearer realm="landfall-cutover"' });
  }
  if (url.pathname !== GATE_PATH) return json(404, { error: "no such Landfall route: " + url.pathname });
  if (!env.LANDFALL_WRITE_GATE) {
    return json(501, {
      error: "this cutover Worker has no LANDFALL_WRITE_GATE binding; redeploy it from `landfall infra generate --format cutover-worker`",
    });
  }
  if (request.method === "GET") return json(200, await gateStub(env).current());
  if (request.method !== "POST") return json(405, { error: "use GET or POST" }, { allow: "GET, POST" });
  let body;
  try {
    body = JSON.parse(await request.text());
  } catch {
    return json(400, { error: "the request body is not JSON" });
  }
  const state = body === null || typeof body !== "object" ? undefined : body.state;
  if (!GATE_STATES.includes(state)) {
    return json(400, { error: 'state must be "old", "frozen" or "new"' });
  }
  const result = await gateStub(env).change(state);
  if (!result.ok) {
    return json(409, {
      error: "the write gate cannot go from " + result.gate.state + " to " + state,
      ...result.gate,
    });
  }
  return json(200, result.gate);
}

/**
 * Whether the request carries `Authorization: Bearer <secret>` for a configured secret of at least
 * 32 characters. Both sides are hashed first and the digests compared with no early exit, so the
 * time taken says nothing about the secret, not even its length (as the export Worker does).
 */
async function authorized(request, env) {
  const secret = env[SECRET_BINDING];
  if (typeof secret !== "string" || secret.length < MIN_SECRET_LENGTH) return false;
  const header = request.headers.get("authorization") ?? "";
  const given = header.startsWith("Bearer ") ? header.slice(7) : "";
  const [a, b] = await Promise.all([digest(given), digest(secret)]);
  let diff = header.startsWith("Bearer ") ? 0 : 1;
  for (let i = 0; i < a.length; i++) diff |= a[i] ^ b[i];
  return diff === 0;
}

async function digest(text) {
  return new Uint8Array(await crypto.subtle.digest("SHA-256", encoder.encode(text)));
}

// A runtime that answers before the body was read may reset the connection, and a client reusing
// it would see a reset instead of the 401.
async function discardBody(request) {
  if (!request.body) return;
  const reader = request.body.getReader();
  try {
    for (let read = 0; read < 65536; ) {
      const { done, value } = await reader.read();
      if (done) return;
      read += value.length;
    }
    await reader.cancel();
  } catch {
    // the client went away; nothing to answer
  }
}

function json(status, body, headers = {}) {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json; charset=utf-8", "cache-control": "no-store", ...headers },
  });
}

async function readDial(env) {
  try {
    // KV caches reads at the edge for up to cacheTtl seconds: a dial change is live everywhere
    // within a minute, which the cutover's bake time must (and does) exceed.
    const raw = await env.DIAL.get(DIAL_KEY, { cacheTtl: 60 });
    if (raw === null) return { percent: 0, shadow: 0, split: false, writes: "old" };
    const parsed = JSON.parse(raw);
    return {
      percent: clamp(parsed.percent),
      shadow: clamp(parsed.shadow),
      split: parsed.split === true,
      writes: writesOf(parsed.writes),
    };
  } catch (e) {
    console.error("landfall cutover: unreadable dial, sending everything to the old Worker", String(e));
    return { percent: 0, shadow: 0, split: false, writes: "old" };
  }
}

function writesOf(value) {
  if (value === undefined) return "old";
  if (value === "old" || value === "new" || value === "gate") return value;
  console.error("landfall cutover: unknown dial writes " + JSON.stringify(value) + ", sending writes to the old Worker");
  return "old";
}

function clamp(value) {
  const n = Number(value);
  return Number.isFinite(n) ? Math.min(100, Math.max(0, n)) : 0;
}

function stickyValue(request, rule) {
  const colon = rule.indexOf(":");
  const kind = colon < 0 ? rule : rule.slice(0, colon);
  const name = colon < 0 ? "" : rule.slice(colon + 1);
  let value = null;
  if (kind === "header") value = request.headers.get(name);
  else if (kind === "query") value = new URL(request.url).searchParams.get(name);
  else if (kind === "cookie") value = cookie(request.headers.get("cookie"), name);
  return value || request.headers.get("cf-connecting-ip") || "";
}

function cookie(header, name) {
  if (!header) return null;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return null;
}

// FNV-1a over the UTF-8 bytes, then murmur3's finaliser so that keys differing only in their last
// characters (key-0001, key-0002, ...) spread evenly over the buckets.
export function bucketOf(value) {
  let h = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(value)) {
    h ^= byte;
    h = Math.imul(h, 0x01000193);
  }
  return mix(h) % BUCKETS;
}

function shadowBucket(bucket) {
  // Independent of the split, so the shadow sample is not just the clients next in line.
  return mix(bucket ^ 0x9e3779b9) % BUCKETS;
}

function mix(h) {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

function toNewBackend(request, env) {
  const url = new URL(request.url);
  const target = new URL(env.LANDFALL_NEW_ORIGIN);
  url.protocol = target.protocol;
  url.host = target.host;
  return new Request(url.toString(), request);
}

function toOld(request, env) {
  if (env.OLD) return env.OLD.fetch(request);
  if (env.LANDFALL_OLD_ORIGIN) {
    const url = new URL(request.url);
    const target = new URL(env.LANDFALL_OLD_ORIGIN);
    url.protocol = target.protocol;
    url.host = target.host;
    return fetch(new Request(url.toString(), request));
  }
  return fetch(request);
}

async function drain(response) {
  // Read the shadow answer to the end so the connection can be reused, then drop it.
  if (response.body) await response.body.pipeTo(new WritableStream());
}
