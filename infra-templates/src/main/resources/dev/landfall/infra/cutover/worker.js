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
// Stickiness: the same value of LANDFALL_STICKY (default "header:authorization"; also
// "header:NAME", "query:NAME", "cookie:NAME", "ip") always lands in the same of 10,000 buckets,
// so a client stays on one side while the dial holds and only moves forward as it rises.
// Requests without that value fall back to the client IP.

const DIAL_KEY = "landfall-cutover";
const BUCKETS = 10000;

export default {
  async fetch(request, env, ctx) {
    const dial = await readDial(env);
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

async function readDial(env) {
  try {
    // KV caches reads at the edge for up to cacheTtl seconds: a dial change is live everywhere
    // within a minute, which the cutover's bake time must (and does) exceed.
    const raw = await env.DIAL.get(DIAL_KEY, { cacheTtl: 60 });
    if (raw === null) return { percent: 0, shadow: 0 };
    const parsed = JSON.parse(raw);
    return { percent: clamp(parsed.percent), shadow: clamp(parsed.shadow) };
  } catch (e) {
    console.error("landfall cutover: unreadable dial, sending everything to the old Worker", String(e));
    return { percent: 0, shadow: 0 };
  }
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
