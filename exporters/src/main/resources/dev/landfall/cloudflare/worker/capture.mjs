// Capture for live migration (docs/export-worker-protocol.md §7): every KV binding of env is
// wrapped so that put and delete first record the key in the change log, then write. The
// operator applies it in one line where the Worker reads env:
//
//   env = withLandfallCapture(env);
//
// A change is recorded before its write and awaited: if recording fails, the write is not made
// and the error reaches the application, so no write is ever made unrecorded. A recorded change
// whose write then fails is harmless: Landfall re-reads the key.
import { CHANGES_BINDING, SHARDS_VAR, isNamespace, shardCount, shardName, shardOf } from "./capture-config.mjs";

const APPEND_URL = "https://landfall.invalid/append";

// env is the same object for every request an isolate serves, so the wrapping happens once.
const wrapped = new WeakMap();

/** env with every KV binding capturing its writes; throws at once when capture cannot work. */
export function withLandfallCapture(env) {
  let out = wrapped.get(env);
  if (out === undefined) {
    out = capture(env);
    wrapped.set(env, out);
    wrapped.set(out, out); // wrapping twice must not record twice
  }
  return out;
}

function capture(env) {
  // Capture that silently records nothing is the worst failure: the migration would lose writes.
  const log = env[CHANGES_BINDING];
  if (!isNamespace(log)) {
    throw new Error(
      `withLandfallCapture: this Worker has no Durable Object binding ${CHANGES_BINDING}; ` +
        `bind class LandfallChangeLog of the export Worker (script_name) as ${CHANGES_BINDING} before deploying the wrap`,
    );
  }
  const shards = shardCount(env);
  const ids = new Map();
  const idOf = (shard) => {
    let id = ids.get(shard);
    if (id === undefined) ids.set(shard, (id = log.idFromName(shardName(shard))));
    return id;
  };
  const record = (binding, key, op, expiration) => {
    const shard = shardOf(binding, String(key), shards);
    return append(log.get(idOf(shard)), { shard, shards, binding, key: String(key), op, expiration });
  };
  const out = { ...env };
  for (const name of Object.keys(env)) {
    if (isKv(env[name])) out[name] = capturingKv(name, env[name], record);
  }
  return out;
}

const isKv = (b) =>
  b !== null &&
  typeof b === "object" &&
  ["get", "getWithMetadata", "list", "put", "delete"].every((m) => typeof b[m] === "function");

function capturingKv(binding, kv, record) {
  return {
    get: (...args) => kv.get(...args),
    getWithMetadata: (...args) => kv.getWithMetadata(...args),
    list: (...args) => kv.list(...args),
    async put(key, value, options) {
      await record(binding, key, "put", expirationOf(options));
      return kv.put(key, value, options);
    },
    async delete(key) {
      await record(binding, key, "delete", null);
      return kv.delete(key);
    },
  };
}

/** The absolute expiry (epoch seconds) a put sets, or null. */
function expirationOf(options) {
  if (options === null || typeof options !== "object") return null;
  const at = Number(options.expiration);
  if (options.expiration !== undefined && options.expiration !== null && Number.isFinite(at)) return Math.floor(at);
  const ttl = Number(options.expirationTtl);
  if (options.expirationTtl !== undefined && options.expirationTtl !== null && Number.isFinite(ttl)) {
    return Math.floor(Date.now() / 1000) + Math.floor(ttl);
  }
  return null;
}

async function append(stub, change) {
  const answer = await stub.fetch(APPEND_URL, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(change),
  });
  const text = await answer.text();
  let body = null;
  try {
    body = JSON.parse(text);
  } catch {
    // reported below
  }
  if (!answer.ok || body === null || typeof body.recorded !== "boolean") {
    throw new Error(
      `withLandfallCapture: the change log did not record the ${change.op} of a key of ${change.binding} ` +
        `(${answer.status} ${text.slice(0, 200)}); the write was not made. Is ${CHANGES_BINDING} bound to ` +
        `class LandfallChangeLog of the export Worker, with ${SHARDS_VAR} as the export Worker has it?`,
    );
  }
}
